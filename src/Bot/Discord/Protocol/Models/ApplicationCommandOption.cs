namespace PaperBot.Bot.Discord.Protocol.Models;

public sealed record ApplicationCommandOption
{
    public required ApplicationCommandOptionType Type { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public bool? Required { get; init; }

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    /// <summary>The only values the option takes, offered as a list (never together with autocomplete).</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }

    /// <summary>The bot suggests values as the user types (autocomplete interactions).</summary>
    public bool? Autocomplete { get; init; }
}
