using System.Text.Json;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>One option value, or a subcommand holding its own options.</summary>
public sealed record InteractionOption
{
    public string Name { get; init; } = "";

    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>String, integer, number or boolean depending on <see cref="Type"/>.</summary>
    public JsonElement? Value { get; init; }

    public IReadOnlyList<InteractionOption> Options { get; init; } = [];

    public bool Focused { get; init; }
}
