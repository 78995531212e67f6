using System.Text;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Rag.Tests.Index;

/// <summary>
/// A batch reads the next file while it writes the current one, and writes a file while it parses it: files are
/// still reported in order, a file that cannot be read is refused in its place with nothing of it written, a
/// file's papers land in its order, and a file whose content an earlier file of the same batch had (read before
/// that one was written) is still skipped as already ingested.
/// </summary>
public sealed class IngestPipelineTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_batch_reports_each_file_in_order_and_skips_a_copy_read_before_its_original_was_written()
    {
        var store = new PaperStore(_temp.File("index.db"));
        var original = ArchiveFiles.Copy(_temp, "2026-04-10.json");
        var broken = _temp.Write("2026-04-11.json", "[{\"paper\": ");
        var copy = ArchiveFiles.Copy(_temp, "2026-04-10.json", "again-2026-04-10.json");
        var other = ArchiveFiles.Copy(_temp, "2026-04-16.json");

        var report = new Ingestor(store, TimeProvider.System).IngestFiles([original, copy, broken, other], AsOf);

        Assert.Equal([original, copy, other], report.Outcomes.Select(o => o.Path));
        Assert.Equal(broken, Assert.Single(report.Failures).Path);
        Assert.Equal((false, true, false), (report.Outcomes[0].AlreadyIngested, report.Outcomes[1].AlreadyIngested, report.Outcomes[2].AlreadyIngested));
        Assert.Equal((0, 0), (report.Outcomes[1].Entries, report.Outcomes[1].Added));
        var entries = ArchiveFiles.Items("2026-04-10.json").Count + ArchiveFiles.Items("2026-04-16.json").Count;
        Assert.Equal(entries, report.Entries);
        Assert.Equal(entries, store.Stats().EntriesRead);
        Assert.Equal(2, store.Stats().Sources);
    }

    [Fact]
    public void A_page_written_while_it_is_parsed_stores_its_papers_in_its_order()
    {
        // The sample corpus's real titles and abstracts as one saved page: several of the parser's batches.
        var papers = Ingestor.ExpandPaths([TestPaths.SeedDirectory])
            .SelectMany(f => CorpusFileReader.Read(f, AsOf).Entries)
            .Select(e => (Title: OneLine(e.Paper.Title), Abstract: OneLine(e.Paper.Abstract)))
            .DistinctBy(p => PaperIdentity.TitleKey(p.Title))
            .ToList();
        var page = new StringBuilder("Subscribe\n");
        foreach (var (title, abstractText) in papers)
        {
            page.Append(title).Append('\n').Append(abstractText).Append('\n');
        }

        var path = _temp.Write("page.txt", page.ToString());
        var store = new PaperStore(_temp.File("index.db"));

        var report = new Ingestor(store, TimeProvider.System).IngestFiles([path], AsOf);

        Assert.True(papers.Count > 600, $"only {papers.Count} papers");
        var outcome = Assert.Single(report.Outcomes);
        Assert.Equal((papers.Count, papers.Count), (outcome.Entries, outcome.Added));
        var stored = new PaperLookup(store).ByPid([.. Enumerable.Range(1, papers.Count).Select(i => (long)i)]);
        var expected = CorpusFileReader.Read(path, AsOf).Entries.Select(e => e.Paper.Title);
        Assert.Equal(expected, stored.OrderBy(p => p.Key).Select(p => p.Value.Title));
    }

    [Fact]
    public void A_page_with_no_readable_paper_is_refused_in_its_place_with_nothing_of_it_written()
    {
        var store = new PaperStore(_temp.File("index.db"));
        var first = ArchiveFiles.Copy(_temp, "2026-04-10.json");
        var unreadable = _temp.Write("symbols.txt", "Subscribe\n!!!\nAn abstract.\n???\nAnother abstract.\n");
        var last = ArchiveFiles.Copy(_temp, "2026-04-16.json");

        var report = new Ingestor(store, TimeProvider.System).IngestFiles([first, unreadable, last], AsOf);

        Assert.Equal([first, last], report.Outcomes.Select(o => o.Path));
        var failure = Assert.Single(report.Failures);
        Assert.Equal(unreadable, failure.Path);
        Assert.Equal("no paper could be read (2 entries skipped; first: a title with no letters or digits; skipped)", failure.Reason);
        Assert.Equal(2, store.Stats().Sources);
        Assert.Equal(report.Entries, store.Stats().EntriesRead);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
