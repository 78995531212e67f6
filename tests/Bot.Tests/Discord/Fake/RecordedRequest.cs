using System.Text.Json;

namespace PaperBot.Bot.Tests.Discord.Fake;

/// <summary>One HTTP request the bot sent to the fake REST API, with the status the fake answered.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    string RouteName,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
