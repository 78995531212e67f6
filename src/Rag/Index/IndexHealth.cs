using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// What SQLite's errors and checks mean for the user (a damaged or read-only index, and what to do about it), and
/// the stamp that lets a command skip the integrity check of an index unchanged since its last good check.
/// </summary>
public static class IndexHealth
{
    internal const int SqliteBusy = 5;
    internal const int SqliteReadOnly = 8;
    internal const int SqliteCorrupt = 11;
    internal const int SqliteFull = 13;
    internal const int SqliteNotADatabase = 26;

    /// <summary>The user-facing message for a damaged or read-only index, or null for other SQLite errors.</summary>
    public static string? Describe(SqliteException e, string? databasePath = null) => e.SqliteErrorCode switch
    {
        SqliteCorrupt => Damaged(databasePath, e.Message),
        SqliteNotADatabase => $"the file {databasePath ?? "at Data:Directory"} is not a SQLite database: either it is not a PaperBot index "
            + "(then set Data:Directory to another folder) or its header is damaged; " + Rebuild(databasePath ?? "the index file"),
        SqliteReadOnly => ReadOnly(databasePath),
        SqliteFull => $"the disk holding the index at {databasePath ?? "Data:Directory"} is full; the file being written was rolled back: free some space and run the command again",
        SqliteBusy => $"the index at {databasePath ?? "Data:Directory"} stayed locked by another PaperBot process (an ingest or sync writing it) for 30 s; run the command again when it has finished",
        _ => null,
    };

    public static string Damaged(string? databasePath, string detail)
    {
        var path = databasePath ?? "the index file (Data:Directory/Data:DatabaseFile)";

        // quick_check reports on several lines, headed "*** in database main ***".
        detail = string.Join(' ', detail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("***", StringComparison.Ordinal)));
        return $"the index at {path} is damaged ({detail.Trim().TrimEnd('.')}); {Rebuild(path)}";
    }

    private static string Rebuild(string path) =>
        $"rebuild it: move the file away (mv {path} {path}.damaged), then run 'paperbot ingest' on your files and 'paperbot sync' for the days you fetched";

    public static string ReadOnly(string? databasePath)
    {
        var folder = databasePath is null ? "the data directory" : Path.GetDirectoryName(databasePath);
        return $"the index at {databasePath ?? "Data:Directory"} is read-only ({folder} cannot be written): reading commands work, "
            + "this one needs to write; make the folder writable, or copy the index to a writable folder and set Data:Directory to it";
    }

    /// <summary>True when the index files are exactly as they were at the last good check.</summary>
    internal static bool CheckedUnchanged(string databasePath)
    {
        try
        {
            var stamp = StampPath(databasePath);
            return File.Exists(stamp) && File.ReadAllText(stamp) == State(databasePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Records the index files' sizes and times after a good check; a stamp that cannot be written only costs a check.</summary>
    internal static void Stamp(string databasePath)
    {
        try
        {
            File.WriteAllText(StampPath(databasePath), State(databasePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Checked again next time.
        }
    }

    private static string StampPath(string databasePath) => databasePath + "-checked";

    // Garbage written into the file changes its modification time; so does every write PaperBot makes.
    private static string State(string databasePath) =>
        string.Join('|', new[] { databasePath, databasePath + "-wal" }.Select(f => new FileInfo(f) is { Exists: true } i
            ? string.Create(CultureInfo.InvariantCulture, $"{i.Length}:{i.LastWriteTimeUtc.Ticks}")
            : "-"));
}
