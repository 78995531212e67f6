namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>A slash command definition for bulk registration (type 1 = CHAT_INPUT).</summary>
public sealed record ApplicationCommand
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public int Type { get; init; } = 1;

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>
    /// Who sees the command by default (server admins can change it in Integrations). Discord's OpenAPI types it as
    /// an integer, its prose as a string; the integer is the stricter form and both are accepted.
    /// </summary>
    public ulong? DefaultMemberPermissions { get; init; }

    /// <summary>Where the command can be used: 0 guild channels, 1 the bot's DM, 2 other private channels.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }

    /// <summary>How the app must be installed for the command to show: 0 to a guild, 1 to a user.</summary>
    public IReadOnlyList<int>? IntegrationTypes { get; init; }
}
