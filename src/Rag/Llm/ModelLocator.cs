using PaperBot.Rag.Llm.Local.Gguf;

namespace PaperBot.Rag.Llm;

/// <summary>Finds the configured model files; "auto" looks in models/ under the working directory.</summary>
public static class ModelLocator
{
    public const string Auto = "auto";

    /// <summary>
    /// The chat model's full path, or null with the reason; <paramref name="unusable"/> when a model was meant but its
    /// file cannot be used (a configured path that is not a whole GGUF file, or only such *.gguf files under models/).
    /// </summary>
    public static string? FindChatModel(string? configured, string baseDirectory, out string reason, out bool unusable) =>
        Find(configured, baseDirectory, embedding: false, out reason, out unusable);

    /// <summary>The embedding model's full path, or null with the reason.</summary>
    public static string? FindEmbeddingModel(string? configured, string baseDirectory, out string reason) =>
        Find(configured, baseDirectory, embedding: true, out reason, out _);

    /// <summary>Encoder architectures make embeddings, not answers.</summary>
    public static bool IsEmbeddingArchitecture(string? architecture) =>
        architecture is not null && architecture.Contains("bert", StringComparison.OrdinalIgnoreCase);

    private static string? Find(string? configured, string baseDirectory, bool embedding, out string reason, out bool unusable)
    {
        unusable = false;
        if (string.IsNullOrWhiteSpace(configured))
        {
            reason = "no model configured";
            return null;
        }

        if (!string.Equals(configured, Auto, StringComparison.OrdinalIgnoreCase))
        {
            var path = Configured(Path.GetFullPath(configured, baseDirectory), out reason);
            unusable = path is null;
            return path;
        }

        var folder = Path.Combine(baseDirectory, "models");
        var broken = new List<string>();
        try
        {
            var files = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.gguf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Order(StringComparer.Ordinal)
                : Enumerable.Empty<string>();
            foreach (var file in files)
            {
                try
                {
                    if (IsEmbeddingArchitecture(GgufFile.Read(file).Architecture) == embedding)
                    {
                        reason = "found under models/";
                        return file;
                    }
                }
                catch (IOException e)
                {
                    // A damaged or partial download is not a candidate; loading it would fail anyway.
                    broken.Add($"{file} cannot be used: {e.Message.TrimEnd('.')}");
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"{folder} cannot be read ({e.Message.TrimEnd('.')})";
            return null;
        }

        // A .gguf put under models/ is a model meant to be used: one that cannot be is said as a configured one is.
        unusable = broken.Count > 0;
        reason = broken.Count switch
        {
            0 => $"no {(embedding ? "embedding" : "chat")} *.gguf under {folder}",
            1 => $"the model file {broken[0]} (found under models/)",
            _ => $"the model file {broken[0]} (found under models/, with {broken.Count - 1} more that cannot be used)",
        };
        return null;
    }

    /// <summary>
    /// A configured file is used only when its GGUF header reads back whole: a text file, a truncated download
    /// or a folder would otherwise fail on every answer instead of leaving answers extractive.
    /// </summary>
    private static string? Configured(string path, out string reason)
    {
        if (Directory.Exists(path))
        {
            reason = $"the configured model path {path} is a folder, not a .gguf file";
            return null;
        }

        if (!File.Exists(path))
        {
            reason = $"configured model file {path} does not exist";
            return null;
        }

        try
        {
            GgufFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"configured model file {path} cannot be used: {e.Message.TrimEnd('.')}";
            return null;
        }

        reason = "configured";
        return path;
    }
}
