using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol;

/// <summary>Discord's JSON: snake_case names, absent fields omitted rather than sent as null.</summary>
public static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
