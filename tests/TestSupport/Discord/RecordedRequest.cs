using System.Text.Json;

namespace PaperBot.TestSupport.Discord;

/// <summary>
/// One HTTP request the bot sent to the fake REST API, with the status the fake answered, Discord's error code
/// when it refused, and whether a scripted fault (rather than the bot's own request) caused the answer.
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string RouteName,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    DateTimeOffset At,
    int? ErrorCode = null,
    bool Scripted = false,
    string? ResponseBody = null)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
