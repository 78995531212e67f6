using System.Text.Json.Nodes;

namespace PaperBot.Rag.Tests.Corpus;

/// <summary>Reads the real archive files of tests/Rag.Tests/Corpus/HfArchive and writes variants derived from them.</summary>
internal static class ArchiveFiles
{
    /// <summary>The items of a real day listing.</summary>
    public static JsonArray Items(string file) =>
        JsonNode.Parse(File.ReadAllText(TestPaths.HfArchive(file)))!.AsArray();

    /// <summary>The arXiv ids of a real day listing, in order.</summary>
    public static List<string> Ids(string file) =>
        [.. Items(file).Select(i => i!["paper"]!["id"]!.GetValue<string>())];

    /// <summary>Copies a real file unmodified into <paramref name="folder"/>, under <paramref name="name"/> (default: its own name).</summary>
    public static string Copy(TempFolder folder, string file, string? name = null)
    {
        var path = folder.File(name ?? file);
        File.Copy(TestPaths.HfArchive(file), path);
        return path;
    }

    /// <summary>Writes the items as JSON Lines, one item a line.</summary>
    public static string WriteLines(TempFolder folder, string name, IEnumerable<JsonNode?> items) =>
        folder.Write(name, string.Join('\n', items.Select(i => i!.ToJsonString())) + "\n");
}
