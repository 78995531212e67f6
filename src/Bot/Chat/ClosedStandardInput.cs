namespace PaperBot.Bot.Chat;

/// <summary>
/// Whether the process was started with its standard input closed (<c>paperbot chat &lt;&amp;-</c>). The runtime
/// then gets file descriptor 0 for a pipe of its own, and reading the console would wait on that pipe forever
/// (taking the bytes the runtime passes through it, which deliver signals). On Linux this shows as fd 0 being a
/// pipe whose writing end this process holds itself; elsewhere it is not detected.
/// </summary>
public static class ClosedStandardInput
{
    private const string Descriptors = "/proc/self/fd";

    /// <summary>True when fd 0 is not the standard input the process was given: reading it must be skipped.</summary>
    public static bool Detect()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var stdin = new FileInfo(Path.Combine(Descriptors, "0")).LinkTarget;
            if (stdin is null || !stdin.StartsWith("pipe:", StringComparison.Ordinal))
            {
                return false;
            }

            return Directory.EnumerateFileSystemEntries(Descriptors)
                .Where(path => Path.GetFileName(path) != "0" && new FileInfo(path).LinkTarget == stdin)
                .Any(path => OpenForWriting(Path.GetFileName(path)));
        }
        catch (IOException)
        {
            return false; // a descriptor closed while looking: nothing to conclude
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether fd <paramref name="fd"/> was opened write-only (the "flags" of /proc/self/fdinfo, in octal).</summary>
    private static bool OpenForWriting(string fd)
    {
        var flags = File.ReadLines($"/proc/self/fdinfo/{fd}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
        return flags is not null && (Convert.ToInt32(flags["flags:".Length..].Trim(), 8) & 3) == 1;
    }
}
