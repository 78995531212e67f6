using System.Text.Json.Serialization;

namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record InteractionData
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)]
    public ulong Id { get; init; }

    public string Name { get; init; } = "";

    public int Type { get; init; }

    public IReadOnlyList<InteractionOption> Options { get; init; } = [];

    /// <summary>For a MESSAGE_COMPONENT interaction: the clicked component's custom_id.</summary>
    public string? CustomId { get; init; }

    /// <summary>For a MESSAGE_COMPONENT interaction: the clicked component's type (2 for a button).</summary>
    public int? ComponentType { get; init; }
}
