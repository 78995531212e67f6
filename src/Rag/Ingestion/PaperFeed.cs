using System.Collections.Concurrent;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Ingestion;

/// <summary>
/// One file's entries read and parsed on a thread of their own and handed over in order, a batch at a time, as
/// they are parsed: the writer stores the first papers of a file while the parser is still making the rest (SQLite
/// writes on one core; a page of 100,000 papers takes a second to parse). At most <see cref="BatchesAhead"/> batches
/// wait, so a reader far ahead of the writer holds little more than the file's text.
/// </summary>
internal sealed class PaperFeed : IDisposable
{
    private const int BatchSize = 256;
    private const int BatchesAhead = 64;

    private readonly BlockingCollection<ParsedEntry[]> _batches = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ParseWarning> _warnings = [];
    private readonly Task _reading;

    /// <param name="read">Reads the file: the entries in order, the skipped ones added to the list it is given.</param>
    public PaperFeed(Func<List<ParseWarning>, IEnumerable<ParsedEntry>> read) =>
        _reading = Task.Run(() => Produce(read));

    /// <summary>The entries skipped, with why; complete once <see cref="Entries"/> has been read to its end.</summary>
    public IReadOnlyList<ParseWarning> Warnings => _warnings;

    /// <summary>
    /// The entries in file order, waiting for the parser where it has not got to yet; at the end, the parser's
    /// failure (a <see cref="CorpusFormatException"/> for a file that is not papers) is raised here, as it was thrown.
    /// They are handed over once: read them once.
    /// </summary>
    public IEnumerable<ParsedEntry> Entries()
    {
        foreach (var batch in _batches.GetConsumingEnumerable())
        {
            foreach (var entry in batch)
            {
                yield return entry;
            }
        }

        _reading.GetAwaiter().GetResult();
    }

    /// <summary>Stops the parser where it is (its entries are no longer wanted) and waits for its thread to end.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reading.Wait();
        }
        catch (AggregateException)
        {
            // Its failure was raised by Entries, or nobody wants the file any more (a batch cancelled, an error
            // in the writer): either way it is not news here.
        }

        _batches.Dispose();
        _stop.Dispose();
    }

    private void Produce(Func<List<ParseWarning>, IEnumerable<ParsedEntry>> read)
    {
        var batch = new List<ParsedEntry>(BatchSize);
        try
        {
            foreach (var entry in read(_warnings))
            {
                batch.Add(entry);
                if (batch.Count == BatchSize)
                {
                    _batches.Add([.. batch], _stop.Token);
                    batch.Clear();
                }
            }
        }
        finally
        {
            // What was parsed before the end, or before the reader failed, still goes out: its failure comes after.
            try
            {
                if (batch.Count > 0 && !_stop.IsCancellationRequested)
                {
                    _batches.Add([.. batch], _stop.Token);
                }
            }
            finally
            {
                _batches.CompleteAdding();
            }
        }
    }
}
