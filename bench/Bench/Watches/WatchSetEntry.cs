using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaperBot.Bench.Watches;

/// <summary>
/// One line of eval/watches.jsonl: a watch written in plain words, the half it belongs to (tune or check), the
/// days it is replayed over, and the papers of those days a person labelled relevant by reading their titles and
/// abstracts.
/// </summary>
internal sealed record WatchSetEntry(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("half")] string Half,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("to")] DateOnly To,
    [property: JsonPropertyName("relevant")] IReadOnlyList<string> Relevant)
{
    public static List<WatchSetEntry> Read(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<WatchSetEntry>(l)
            ?? throw new InvalidDataException($"{path}: an empty line object"))];
}
