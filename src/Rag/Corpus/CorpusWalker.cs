namespace PaperBot.Rag.Corpus;

/// <summary>
/// Expands files and folders into corpus files. Every folder and file is identified by its real path (links
/// resolved), so a link is followed only to a target not walked yet: a link to a parent folder (a loop) or to a
/// folder already walked adds nothing, and is reported. A folder that cannot be read is reported and the walk
/// goes on.
/// </summary>
public static class CorpusWalker
{
    /// <summary>Links resolved in a row before a path counts as a loop (Linux's own limit, ELOOP).</summary>
    private const int MaxLinkHops = 40;

    public static CorpusWalk Walk(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        var notes = new List<CorpusWalkNote>();
        var unreadable = new List<CorpusFormatException>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var seenFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                // A missing or unreadable file is reported when it is ingested, with the other per-file failures.
                if (!File.Exists(path) || seenFiles.Add(RealPathOrSelf(path)))
                {
                    files.Add(path);
                }

                continue;
            }

            var found = new List<string>();
            WalkFolder(path, found, seenFiles, seenFolders, notes, unreadable, cancellationToken);
            files.AddRange(found.Order(StringComparer.Ordinal));
        }

        return new CorpusWalk(files, notes, unreadable);
    }

    private static void WalkFolder(
        string root, List<string> files, HashSet<string> seenFiles, HashSet<string> seenFolders,
        List<CorpusWalkNote> notes, List<CorpusFormatException> unreadable, CancellationToken cancellationToken)
    {
        var rootReal = RealPathOrSelf(root);
        if (!seenFolders.Add(rootReal))
        {
            return;
        }

        var pending = new Stack<(string Path, string Real)>();
        pending.Push((root, rootReal));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (folder, real) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                // Real entries before links, so a folder reached both ways is walked under its own name.
                entries = new DirectoryInfo(folder).EnumerateFileSystemInfos()
                    .OrderBy(e => e.LinkTarget is not null).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new CorpusFormatException(folder, null, $"folder cannot be read ({e.Message}); its files were not ingested"));
                continue;
            }

            foreach (var entry in entries)
            {
                var isLink = entry.LinkTarget is not null;
                string entryReal;
                try
                {
                    entryReal = isLink ? RealPath(entry.FullName) : Path.Combine(real, entry.Name);
                }
                catch (IOException e)
                {
                    notes.Add(new CorpusWalkNote(entry.FullName, $"link not followed: {e.Message}"));
                    continue;
                }

                if (Directory.Exists(entry.FullName))
                {
                    if (seenFolders.Add(entryReal))
                    {
                        pending.Push((entry.FullName, entryReal));
                    }
                    else if (isLink)
                    {
                        notes.Add(new CorpusWalkNote(entry.FullName, IsSameOrInside(real, entryReal)
                            ? $"link not followed: it points to {entryReal}, a folder that contains it (a loop)"
                            : $"link not followed: {entryReal} was already walked"));
                    }
                }
                else if (CorpusFileReader.Extensions.Contains(Path.GetExtension(entry.Name)) && seenFiles.Add(entryReal))
                {
                    files.Add(entry.FullName);
                }
            }
        }
    }

    private static bool IsSameOrInside(string folder, string ancestor) =>
        folder == ancestor || folder.StartsWith(Path.TrimEndingDirectorySeparator(ancestor) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string RealPathOrSelf(string path)
    {
        try
        {
            return RealPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    /// <summary>
    /// <paramref name="path"/> with every symbolic link resolved, component by component, so that ".." after a
    /// link goes to the link target's parent as the file system does; throws on a chain of links that never ends.
    /// </summary>
    internal static string RealPath(string path)
    {
        var absolute = Path.GetFullPath(path);
        var current = Path.GetPathRoot(absolute)!;
        var pending = new Stack<string>(Components(absolute[current.Length..]).Reverse());
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is not { } target)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            foreach (var component in Components(target).Reverse())
            {
                pending.Push(component);
            }
        }

        return current;
    }

    private static string[] Components(string relative) =>
        relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
