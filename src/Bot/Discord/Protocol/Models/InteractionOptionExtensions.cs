using System.Text.Json;

namespace PaperBot.Bot.Discord.Protocol.Models;

/// <summary>Typed access to slash-command option values by name.</summary>
public static class InteractionOptionExtensions
{
    public static InteractionOption? Find(this IReadOnlyList<InteractionOption> options, string name) =>
        options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal));

    public static string? GetString(this IReadOnlyList<InteractionOption> options, string name) =>
        options.Find(name)?.Value is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static long? GetInteger(this IReadOnlyList<InteractionOption> options, string name) =>
        options.Find(name)?.Value is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static double? GetNumber(this IReadOnlyList<InteractionOption> options, string name) =>
        options.Find(name)?.Value is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    public static bool? GetBoolean(this IReadOnlyList<InteractionOption> options, string name) =>
        options.Find(name)?.Value is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;
}
