using System.Security.Cryptography;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Ingestion;

/// <summary>
/// Ingests files and folders: expands folders, skips files whose content was ingested before, parses each
/// file and stores it in one transaction. A file that cannot be read is reported and the batch goes on.
/// A file is parsed on another thread while it is written (<see cref="PaperFeed"/>), and the next file is hashed
/// and read while one is written (SQLite writes on one core; the reading and parsing, a tenth of an ingest, need
/// not wait for it).
/// </summary>
public sealed class Ingestor(PaperStore store, TimeProvider time)
{
    /// <summary>The files a list of paths stands for: files as given, folders expanded to their corpus files (see <see cref="CorpusWalker"/>).</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths) => CorpusWalker.Walk(paths).Files;

    /// <summary>
    /// Ingests <paramref name="files"/> one by one, reporting each file's outcome as it completes. Cancellation
    /// stops between files, after the current file's transaction: the report says how many were not reached.
    /// </summary>
    /// <param name="files">The files, in order.</param>
    /// <param name="asOf">The reference date for page dates without a year; null = <see cref="YearlessDateAnchor"/>.</param>
    /// <param name="progress">Told before each file and at the end.</param>
    /// <param name="featuredOn">The featured day of files whose name carries no date (<c>ingest --featured-on</c>).</param>
    /// <param name="cancellationToken">Checked between files (a file lands whole or not at all).</param>
    public IngestReport IngestFiles(
        IReadOnlyList<string> files, DateOnly? asOf, IProgress<IngestProgress>? progress = null, DateOnly? featuredOn = null, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<IngestOutcome>();
        var warnings = new List<ParseWarning>();
        var failures = new List<CorpusFormatException>();
        var notReached = 0;
        var reference = asOf ?? YearlessDateAnchor(files);
        string? rolledBack = null;
        Task<PreparedFile>? next = null;
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    notReached = files.Count - i;
                    break;
                }

                var file = files[i];
                progress?.Report(new IngestProgress(i, files.Count, file));
                var current = next;
                next = i + 1 < files.Count ? PrepareInBackground(files[i + 1], reference, featuredOn) : null;
                try
                {
                    var prepared = current is null ? Prepare(file, reference, featuredOn) : current.GetAwaiter().GetResult();
                    var (outcome, fileWarnings) = Store(prepared, files.Count, cancellationToken);
                    outcomes.Add(outcome);
                    warnings.AddRange(fileWarnings);
                }
                catch (CorpusFormatException e)
                {
                    failures.Add(e);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Stopped inside the file: its transaction was rolled back, so it is not ingested either.
                    rolledBack = file;
                    notReached = files.Count - i;
                    break;
                }
            }
        }
        finally
        {
            // Stopped early: the next file's reader, started for nothing, is stopped too.
            if (next is not null)
            {
                Discard(next);
            }
        }

        if (outcomes.Exists(o => o.StatisticsStale))
        {
            store.RefreshStatistics();
        }

        progress?.Report(new IngestProgress(files.Count, files.Count, null));
        return new IngestReport(outcomes, warnings, failures, notReached) { RolledBack = rolledBack };
    }

    /// <summary>
    /// Parses and stores one file, in one transaction; nothing is written when the file was ingested before. Page
    /// dates without a year are resolved against <paramref name="asOf"/>, else the file's modification time (at most today).
    /// When the outcome says the term statistics are stale, recounting them is the caller's (<see cref="PaperStore.RefreshStatistics"/>).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled: nothing of the file is stored.</exception>
    public (IngestOutcome Outcome, IReadOnlyList<ParseWarning> Warnings) IngestFile(
        string file, DateOnly? asOf, DateOnly? featuredOn = null, CancellationToken cancellationToken = default) =>
        Store(Prepare(file, asOf, featuredOn), 1, cancellationToken);

    /// <summary>
    /// <see cref="Prepare"/> on the thread pool. Its failure (a file that cannot be read) is kept in the task and
    /// raised when the file's turn comes, so that files are reported in order.
    /// </summary>
    private Task<PreparedFile> PrepareInBackground(string file, DateOnly? asOf, DateOnly? featuredOn) =>
        Task.Run(() => Prepare(file, asOf, featuredOn));

    /// <summary>Stops the reader of a file prepared but not stored (the batch stopped before it).</summary>
    private static void Discard(Task<PreparedFile> prepared)
    {
        try
        {
            prepared.GetAwaiter().GetResult().Feed?.Dispose();
        }
        catch (CorpusFormatException)
        {
            // It could not be read: nothing to stop.
        }
    }

    /// <summary>
    /// Hashes a file and, unless its hash is in the index, starts reading and parsing it on another thread; reads
    /// nothing but the file and whether its hash is in the index.
    /// </summary>
    private PreparedFile Prepare(string file, DateOnly? asOf, DateOnly? featuredOn)
    {
        var sha = FileSha256(file);
        if (store.HasSource(sha))
        {
            return new PreparedFile(file, sha, null);
        }

        var reference = asOf ?? AtMostToday(DateOnly.FromDateTime(File.GetLastWriteTimeUtc(file)));
        return new PreparedFile(file, sha, new PaperFeed(warnings => CorpusFileReader.ReadEntries(file, reference, featuredOn, warnings)));
    }

    /// <summary>
    /// Stores a prepared file in one transaction, its papers written as they are parsed; nothing is written when its
    /// content is in the index already. The file is read up to its first paper before the transaction starts, so a
    /// file that is not papers at all is refused as before, without a write.
    /// </summary>
    private (IngestOutcome Outcome, IReadOnlyList<ParseWarning> Warnings) Store(PreparedFile prepared, int filesInBatch, CancellationToken cancellationToken)
    {
        var (file, sha, feed) = prepared;
        if (feed is null)
        {
            return (new IngestOutcome(file, 0, 0, 0, AlreadyIngested: true), []);
        }

        using (feed)
        {
            using var entries = feed.Entries().GetEnumerator();
            var any = entries.MoveNext();
            if (!any && feed.Warnings.Count > 0)
            {
                throw new CorpusFormatException(file, null,
                    $"no paper could be read ({Plural.Of(feed.Warnings.Count, "entry", "entries")} skipped; first: {feed.Warnings[0].Message})");
            }

            // A listing with no items ([]) is a day without papers, a weekend: recorded like any other file.
            var guessed = 0;
            IEnumerable<Paper> Papers()
            {
                for (var more = any; more; more = entries.MoveNext())
                {
                    var paper = entries.Current.Paper;
                    guessed += paper.FeaturedOn is null && paper.PublishedOn is not null ? 1 : 0;
                    yield return paper;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var outcome = store.Ingest(file, sha, Papers(), time.GetUtcNow(), filesInBatch, cancellationToken);

            // Parsed while an earlier file of the batch with the same content was being written: known by now.
            if (outcome.AlreadyIngested)
            {
                return (new IngestOutcome(file, 0, 0, 0, AlreadyIngested: true), []);
            }

            return (outcome with { GuessedDays = guessed }, feed.Warnings);
        }
    }

    /// <summary>A file read for ingest: its content hash and the reader of its papers; no reader when the hash is known already.</summary>
    private sealed record PreparedFile(string File, string Sha256, PaperFeed? Feed);

    /// <summary>
    /// Stores papers that did not come from a file (an API sync) as one source named <paramref name="source"/>;
    /// the same papers synced again are recognised by their content and change nothing.
    /// </summary>
    public IngestOutcome IngestFetched(string source, IReadOnlyList<Paper> papers)
    {
        var content = string.Join('\n', papers.Select(p => $"{p.Id}|{p.Title}|{p.Abstract.Length}|{p.Upvotes}|{p.FeaturedOn}|{p.AiSummary}|{p.GithubStars}|{p.NumComments}"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source + "\n" + content)));
        var outcome = store.Ingest(source, sha, papers, time.GetUtcNow());
        if (outcome.StatisticsStale)
        {
            store.RefreshStatistics();
        }

        return outcome;
    }

    /// <summary>
    /// The date a saved page's dates without a year ("Nov 11") are resolved against (the latest such date on or
    /// before it) when <c>--as-of</c> is not given: the latest day a file of the same batch is named after
    /// (<c>2026-03-23.json</c>), since pages saved with dated listings belong to their time; null when no file
    /// names a day, and then each page's modification time. Never after today: a modification time is the clone's
    /// or copy's date as often as the page's, and a date in the future would become the index's latest day.
    /// </summary>
    private DateOnly? YearlessDateAnchor(IReadOnlyList<string> files)
    {
        var named = files.Select(CorpusFileReader.DayInFileName).Max();
        return named is { } day ? AtMostToday(day) : null;
    }

    private DateOnly AtMostToday(DateOnly day)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return day > today ? today : day;
    }

    private static string FileSha256(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CorpusFormatException(file, null, File.Exists(file) || Directory.Exists(file) ? $"cannot be read: {e.Message}" : "no such file or folder");
        }
    }
}
