namespace PaperBot.Bot.Discord.Models;

/// <summary>A slash command definition for bulk registration (type 1 = CHAT_INPUT).</summary>
public sealed record ApplicationCommand
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public int Type { get; init; } = 1;

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public string? DefaultMemberPermissions { get; init; }
}
