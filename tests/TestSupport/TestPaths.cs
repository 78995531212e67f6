namespace PaperBot.TestSupport;

/// <summary>Locations the tests need: the repository root (found from the test assembly) and scratch folders.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SeedDirectory => Path.Combine(RepoRoot, "data", "seed");

    /// <summary>
    /// This test process's scratch folder (<c>paperbot-tests-PID</c> under the temp folder): every test folder lives
    /// under it, and it is deleted when the process exits, so that a folder a test could not delete, a per-process
    /// template and the parent folders themselves are not left behind. One per process: two test projects running
    /// at once never delete each other's parent.
    /// </summary>
    public static string ScratchRoot { get; } = CreateScratchRoot();

    /// <summary>A new folder under <see cref="ScratchRoot"/> whose name starts with <paramref name="prefix"/>.</summary>
    public static string NewScratchFolder(string prefix = "")
    {
        var path = System.IO.Path.Combine(ScratchRoot, prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string CreateScratchRoot()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "paperbot-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            // SQLite's pooled connections keep database files open until the pools are cleared.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A child process killed by a test may still be closing a file; nothing more can be done at exit.
            }
        };
        return root;
    }

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
        Path = TestPaths.NewScratchFolder();
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
            // A process the test started may still hold a file for a moment; the scratch root goes at exit.
        }
    }
}
