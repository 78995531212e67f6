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

    /// <summary>
    /// True when the index is exactly as it was at the last good check: the stamp names the main file's current
    /// size and time, and the WAL holds nothing (all of the database is in the main file).
    /// </summary>
    internal static bool CheckedUnchanged(string databasePath)
    {
        try
        {
            var stamp = StampPath(databasePath);
            return SettledState(databasePath) is { } state && File.Exists(stamp) && File.ReadAllText(stamp) == state;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Records <paramref name="state"/> after a good check; a stamp that cannot be written only costs a check.</summary>
    internal static void Stamp(string databasePath, string state)
    {
        try
        {
            File.WriteAllText(StampPath(databasePath), state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Checked again next time.
        }
    }

    /// <summary>
    /// The main file's size and modification time when the WAL is empty or absent, so that the main file is the
    /// whole database; null while the WAL holds frames (a writer at work, or one that stopped uncleanly), which
    /// only a check can vouch for. The WAL is left out because SQLite creates it anew at every open and deletes
    /// it at the last close. The header's change counter is not used: SQLite does not keep it in WAL mode; nor
    /// is data_version, which only compares states seen by one connection. Only file metadata is read: opening
    /// and closing the database file would drop the POSIX locks this process's SQLite connections hold on it.
    /// </summary>
    internal static string? SettledState(string databasePath)
    {
        var main = new FileInfo(databasePath);
        var wal = new FileInfo(databasePath + "-wal");
        if (!main.Exists || (wal.Exists && wal.Length > 0))
        {
            return null;
        }

        // Garbage written into the file changes its modification time; so does every checkpoint of a write.
        return string.Create(CultureInfo.InvariantCulture, $"{main.Length}:{main.LastWriteTimeUtc.Ticks}");
    }

    private static string StampPath(string databasePath) => databasePath + "-checked";
}
