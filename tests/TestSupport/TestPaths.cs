namespace PaperBot.TestSupport;

/// <summary>Locations the tests need: the repository root (found from the test assembly) and scratch folders.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedDirectory => Path.Combine(RepoRoot, "data", "seed");

    /// <summary>A real <c>/api/daily_papers</c> response copied unmodified from the archive (tests/Rag.Tests/Corpus/HfArchive).</summary>
    public static string HfArchive(string file) => Path.Combine(RepoRoot, "tests", "Rag.Tests", "Corpus", "HfArchive", file);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PaperBot.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (PaperBot.slnx) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A scratch folder deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "paperbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process the test started may still hold a file for a moment; the OS temp cleanup takes it later.
        }
    }
}
