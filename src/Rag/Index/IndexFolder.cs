namespace PaperBot.Rag.Index;

/// <summary>
/// Makes sure the index's folder exists and finds out whether the index can be written, before SQLite opens it:
/// SQLite's own errors ("unable to open database file", "attempt to write a readonly database") do not say
/// which folder is the problem or what to do.
/// </summary>
internal static class IndexFolder
{
    /// <summary>
    /// Creates the folder of <paramref name="databasePath"/> when missing; returns true when an existing index
    /// can only be read. Throws an <see cref="IndexException"/> when there is no index and none can be created.
    /// </summary>
    public static bool Prepare(string databasePath)
    {
        var folder = Path.GetDirectoryName(databasePath)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexException(CannotWrite(folder, e.Message), e);
        }

        // Only the folder is probed: opening and closing the database file itself would drop the POSIX locks that
        // SQLite connections of this process hold on it. A read-only file in a writable folder is reported by
        // SQLite when written to (IndexHealth.Describe).
        if (CanWrite(folder, out var reason))
        {
            return false;
        }

        if (!File.Exists(databasePath))
        {
            throw new IndexException(CannotWrite(folder, reason));
        }

        return true;
    }

    private static string CannotWrite(string folder, string reason) =>
        $"cannot create or write the data directory {folder}: {reason.TrimEnd('.')}; set Data:Directory (or PAPERBOT_Data__Directory) to a folder you can write";

    /// <summary>Creates and deletes a probe file: the only test that also sees read-only mounts, ACLs and dropped capabilities.</summary>
    private static bool CanWrite(string folder, out string reason)
    {
        var probe = Path.Combine(folder, $".paperbot-write-check-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            reason = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = e.Message;
            return false;
        }
    }
}
