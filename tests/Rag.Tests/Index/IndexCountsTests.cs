using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Rag.Tests.Index;

/// <summary>
/// The paper and day counts that <c>stats</c> reads (kept by the ingest, schema 9) always equal what counting the
/// tables gives: after the migration, new files, papers merged again and guessed days that give way.
/// </summary>
public sealed class IndexCountsTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_schema_8_index_gets_its_counts_computed_once_by_the_migration()
    {
        var path = _temp.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrations.ApplyUpTo(connection, 8);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO papers(pid, id, arxiv_id, title_key, title, abstract) VALUES
                    (1, '2503.00001', '2503.00001', 'otters', 'Otters', 'Otters hold hands.'),
                    (2, '2503.00002', '2503.00002', 'seals', 'Seals', 'Seals rest.'),
                    (3, '2503.00003', '2503.00003', 'gulls', 'Gulls', 'Gulls shout.');
                INSERT INTO paper_days(pid, day, guessed) VALUES
                    (1, '2025-03-11', 0), (1, '2025-03-12', 0), (2, '2025-03-11', 0), (3, '2025-03-09', 1);
                """;
            command.ExecuteNonQuery();
        }

        var stats = new PaperStore(path).Stats();

        Assert.Equal((3L, 3L), (stats.Papers, stats.Days));
        Assert.Equal(Counted(path), (stats.Papers, stats.Days));
    }

    [Fact]
    public void Counts_follow_new_files_a_file_ingested_again_and_papers_merged_from_another_listing()
    {
        var (store, ingestor) = NewIndex();
        var files = new[] { "2025-03-11.json", "2026-04-10.json" }.Select(f => ArchiveFiles.Copy(_temp, f)).ToList();

        ingestor.IngestFiles(files, AsOf);
        var first = store.Stats();
        Assert.Equal(Counted(store.DatabasePath), (first.Papers, first.Days));
        Assert.Equal((long)ArchiveFiles.Ids("2025-03-11.json").Concat(ArchiveFiles.Ids("2026-04-10.json")).Distinct().Count(), first.Papers);

        // 2026-04-16 shares papers with 2026-04-10 (featured on both days): they gain a day, not a count.
        var again = ingestor.IngestFiles([.. files, ArchiveFiles.Copy(_temp, "2026-04-16.json")], AsOf);
        var second = store.Stats();

        Assert.Equal(2, again.Outcomes.Count(o => o.AlreadyIngested));
        Assert.Equal(Counted(store.DatabasePath), (second.Papers, second.Days));
        Assert.Equal(first.Days + 1, second.Days);
        Assert.Equal(first.Papers + again.Added, second.Papers);
        Assert.Equal(second.Papers, store.Count);
    }

    [Fact]
    public void A_guessed_day_that_gives_way_to_a_featured_day_leaves_the_day_count_when_it_empties()
    {
        var (store, ingestor) = NewIndex();
        var listing = ArchiveFiles.Copy(_temp, "2025-03-11.json", "listing.json");
        ingestor.IngestFiles([listing], AsOf);
        var guessed = store.Stats();
        Assert.True(guessed.Days > 1, "the papers of a listing without its day are filed under their publication dates");

        // The same listing with its day (written anew, so its content hash differs): every guessed day goes, and
        // 2025-03-11 holds all its papers.
        ingestor.IngestFiles([_temp.Write("2025-03-11.json", ArchiveFiles.Items("2025-03-11.json").ToJsonString())], AsOf);
        var featured = store.Stats();

        Assert.Equal(Counted(store.DatabasePath), (featured.Papers, featured.Days));
        Assert.Equal((guessed.Papers, 1L), (featured.Papers, featured.Days));
    }

    [Fact]
    public void A_day_shared_by_a_guess_and_a_featured_paper_stays_counted_once()
    {
        var (store, _) = NewIndex();
        var day = new DateOnly(2025, 3, 11);
        var guessed = new Paper { Id = "2503.00001", ArxivId = "2503.00001", Title = "T", Abstract = "A", PublishedOn = day };
        var other = new Paper { Id = "2503.00002", ArxivId = "2503.00002", Title = "U", Abstract = "B", FeaturedOn = day };

        store.Ingest("guess", "sha-guess", [guessed], DateTimeOffset.UnixEpoch);
        store.Ingest("other", "sha-other", [other], DateTimeOffset.UnixEpoch);
        store.Ingest("exact", "sha-exact", [guessed with { FeaturedOn = day.AddDays(1) }], DateTimeOffset.UnixEpoch);

        var stats = store.Stats();
        Assert.Equal((2L, 2L), (stats.Papers, stats.Days));
        Assert.Equal(Counted(store.DatabasePath), (stats.Papers, stats.Days));
    }

    private (PaperStore Store, Ingestor Ingestor) NewIndex()
    {
        var store = new PaperStore(_temp.File("index.db"));
        return (store, new Ingestor(store, TimeProvider.System));
    }

    /// <summary>The papers and distinct days as counting the tables gives them.</summary>
    private static (long Papers, long Days) Counted(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM papers), (SELECT count(DISTINCT day) FROM paper_days)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
