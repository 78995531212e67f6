using PaperBot.Rag.Corpus;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Rag.Tests.Ingestion;

/// <summary>
/// A file's entries are parsed on a thread of their own and handed to the writer as they come: in order, with the
/// parser's failure raised after the last entry it made, and a reader nobody wants any more is stopped.
/// </summary>
public sealed class PaperFeedTests
{
    [Fact]
    public void Entries_come_in_order_across_batches_and_the_readers_failure_follows_the_last_one()
    {
        var failure = new CorpusFormatException("page.txt", 1001, "the page is cut off");
        using var feed = new PaperFeed(warnings => Numbered(1000, warnings, failure));

        var seen = new List<int>();
        var error = Assert.Throws<CorpusFormatException>(() =>
        {
            foreach (var entry in feed.Entries())
            {
                seen.Add(entry.Line);
            }
        });

        Assert.Same(failure, error);
        Assert.Equal(Enumerable.Range(1, 1000), seen);
        Assert.Equal([500], feed.Warnings.Select(w => w.Line));
    }

    [Fact]
    public void A_feed_left_midway_stops_its_reader_which_never_ran_far_ahead()
    {
        var produced = 0;
        var stopped = false;
        IEnumerable<ParsedEntry> Endless()
        {
            try
            {
                for (var line = 1; ; line++)
                {
                    produced++;
                    yield return Entry(line);
                }
            }
            finally
            {
                stopped = true;
            }
        }

        var feed = new PaperFeed(_ => Endless());
        Assert.Equal(Enumerable.Range(1, 10), feed.Entries().Take(10).Select(e => e.Line));
        feed.Dispose();

        // Dispose returns once the reader has ended: it waited at its bound of batches, so it could be stopped.
        Assert.True(stopped);
        Assert.InRange(produced, 10, 20_000);
    }

    private static IEnumerable<ParsedEntry> Numbered(int count, List<ParseWarning> warnings, Exception failure)
    {
        for (var line = 1; line <= count; line++)
        {
            if (line == 500)
            {
                warnings.Add(new ParseWarning("page.txt", line, "a title with no letters or digits; skipped"));
            }

            yield return Entry(line);
        }

        throw failure;
    }

    private static ParsedEntry Entry(int line) =>
        new(new Paper { Id = $"t-{line}", Title = $"Paper {line}", Abstract = "An abstract." }, line);
}
