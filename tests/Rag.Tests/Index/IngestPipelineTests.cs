using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Rag.Tests.Index;

/// <summary>
/// A batch reads the next file while it writes the current one: files are still reported in order, a file that
/// cannot be read is refused in its place, and a file whose content an earlier file of the same batch had (read
/// before that one was written) is still skipped as already ingested.
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
}
