using System.Text.Json;
using System.Text.Json.Nodes;

namespace PaperBot.Bot.Tests.Cli;

/// <summary>
/// A large Hugging Face API listing made from real data: the titles and abstracts of the listings in the repository
/// (the sample corpus and the archive copies), repeated under new ids. 20,000 papers are 30 MB, about 4 s to ingest.
/// </summary>
internal static class LargeListing
{
    /// <summary>Writes <paramref name="papers"/> papers to <paramref name="folder"/>/<paramref name="day"/>.json, featured that day.</summary>
    public static string Write(string folder, string day, int papers)
    {
        var listings = Directory.GetFiles(TestPaths.SeedDirectory, "*.json")
            .Concat(Directory.GetFiles(Path.GetDirectoryName(TestPaths.HfArchive("2025-03-11.json"))!, "*.json"));
        var real = listings.SelectMany(f => JsonNode.Parse(File.ReadAllText(f)) as JsonArray ?? [])
            .Select(item => item is JsonObject o ? o["paper"] as JsonObject : null).OfType<JsonObject>()
            .Select(p => (Title: (string)p["title"]!, Summary: (string)p["summary"]!)).ToList();
        var path = Path.Combine(folder, $"{day}.json");
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        for (var i = 0; i < papers; i++)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("paper");
            writer.WriteString("id", $"99{i / 100_000:00}.{i % 100_000:00000}");
            writer.WriteString("title", real[i % real.Count].Title);
            writer.WriteString("summary", real[i % real.Count].Summary);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        return path;
    }
}
