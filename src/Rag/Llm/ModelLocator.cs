using PaperBot.Rag.Llm.Gguf;

namespace PaperBot.Rag.Llm;

/// <summary>Finds the configured model files; "auto" looks in models/ under the working directory.</summary>
public static class ModelLocator
{
    public const string Auto = "auto";

    /// <summary>The chat model's full path, or null with the reason.</summary>
    public static string? FindChatModel(string? configured, string baseDirectory, out string reason) =>
        Find(configured, baseDirectory, embedding: false, out reason);

    /// <summary>The embedding model's full path, or null with the reason.</summary>
    public static string? FindEmbeddingModel(string? configured, string baseDirectory, out string reason) =>
        Find(configured, baseDirectory, embedding: true, out reason);

    /// <summary>Encoder architectures make embeddings, not answers.</summary>
    public static bool IsEmbeddingArchitecture(string? architecture) =>
        architecture is not null && architecture.Contains("bert", StringComparison.OrdinalIgnoreCase);

    private static string? Find(string? configured, string baseDirectory, bool embedding, out string reason)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            reason = "no model configured";
            return null;
        }

        if (!string.Equals(configured, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return Configured(Path.GetFullPath(configured, baseDirectory), out reason);
        }

        var folder = Path.Combine(baseDirectory, "models");
        string? match;
        try
        {
            match = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.gguf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Order(StringComparer.Ordinal)
                    .FirstOrDefault(f => Architecture(f) is { } arch && IsEmbeddingArchitecture(arch) == embedding)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"{folder} cannot be read ({e.Message.TrimEnd('.')})";
            return null;
        }

        reason = match is not null ? "found under models/" : $"no {(embedding ? "embedding" : "chat")} *.gguf under {folder}";
        return match;
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

    private static string? Architecture(string path)
    {
        try
        {
            return GgufFile.Read(path).Architecture;
        }
        catch (IOException)
        {
            // A damaged or partial download is not a candidate; loading it would fail anyway.
            return null;
        }
    }
}
