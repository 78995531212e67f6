using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;
using PaperBot.Rag.Tests.Corpus;

namespace PaperBot.Rag.Tests.Index;

/// <summary>
/// The term statistics search plans with always equal what FTS5's own vocabulary counts: a small ingest adds its
/// texts' counts in its transaction, a large one leaves them to one recount after the batch.
/// </summary>
public sealed class TermStatisticsTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Small_ingests_into_a_large_index_count_their_texts_in_exactly_as_fts5_counts_them()
    {
        var (store, ingestor) = IndexOf(700);

        // Real day listings, one batch each; 2026-04-16 shares papers with 2026-04-10 (they gain a day, no text).
        foreach (var file in new[] { "2025-03-11.json", "2026-04-10.json", "2026-04-16.json" })
        {
            var report = ingestor.IngestFiles([ArchiveFiles.Copy(_temp, file)], AsOf);
            Assert.False(Assert.Single(report.Outcomes).StatisticsStale);
            Assert.Equal(FtsVocabulary(store.DatabasePath), Statistics(store.DatabasePath));
        }

        // A longer abstract of a stored paper replaces its text: the old text's words are taken, the new one's added.
        var id = ArchiveFiles.Ids("2026-04-10.json")[0];
        var stored = store.Get(id)!;
        var longer = stored with { Abstract = "Quokkas and zyzzyvas, counted twice over in a much longer abstract than the stored one. " + new string('x', stored.Abstract.Length) };
        var outcome = store.Ingest("longer", "sha-longer", [longer], DateTimeOffset.UnixEpoch);

        Assert.Equal((0, 1, false), (outcome.Added, outcome.Updated, outcome.StatisticsStale));
        var statistics = Statistics(store.DatabasePath);
        Assert.Equal(FtsVocabulary(store.DatabasePath), statistics);
        Assert.Equal(1, statistics["zyzzyva"]);
        Assert.Equal([id], store.Search(new SearchRequest("zyzzyvas quokkas")).Select(h => h.Paper.Id));
    }

    [Fact]
    public void A_long_batch_leaves_the_statistics_to_one_recount_after_it()
    {
        var (store, ingestor) = IndexOf(700);
        var days = new[] { "2025-03-11.json", "2026-04-10.json" }.Select(f => ArchiveFiles.Copy(_temp, f)).ToList();

        // Two files into 700 papers: counting each costs more than recounting 700 papers once.
        var report = ingestor.IngestFiles(days, AsOf);

        Assert.All(report.Outcomes, o => Assert.True(o.StatisticsStale));
        Assert.Equal(FtsVocabulary(store.DatabasePath), Statistics(store.DatabasePath));
    }

    [Fact]
    public void A_large_ingest_leaves_the_statistics_stale_until_the_batch_recounts_them()
    {
        var (store, ingestor) = IndexOf(700);

        // More texts than a twentieth of the index: written, then recounted once.
        var large = store.Ingest("large", "sha-large", Papers("Ocelot", 2_001, first: 700), DateTimeOffset.UnixEpoch);
        Assert.True(large.StatisticsStale);
        Assert.NotEqual(FtsVocabulary(store.DatabasePath), Statistics(store.DatabasePath));

        // Until the recount, a small write does not build on the stale counts (the mark is in the index, so a process
        // stopped before its recount leaves it for the next ingest).
        var small = store.Ingest("small", "sha-small", Papers("Margay", 1, first: 5_000), DateTimeOffset.UnixEpoch);
        Assert.True(small.StatisticsStale);

        // The ingestor recounts after a stale write: an API sync of one more paper goes through it.
        var fetched = ingestor.IngestFetched("sync", Papers("Serval", 1, first: 6_000));
        Assert.True(fetched.StatisticsStale);
        Assert.Equal(FtsVocabulary(store.DatabasePath), Statistics(store.DatabasePath));
        Assert.Equal(2_701, Statistics(store.DatabasePath)["ocelot"]);

        // Current again: the next small write counts itself in.
        var next = store.Ingest("next", "sha-next", Papers("Ocelot", 1, first: 7_000), DateTimeOffset.UnixEpoch);
        Assert.False(next.StatisticsStale);
        Assert.Equal(FtsVocabulary(store.DatabasePath), Statistics(store.DatabasePath));
        Assert.Equal(2_702, Statistics(store.DatabasePath)["ocelot"]);
    }

    /// <summary>An index of <paramref name="count"/> papers (an API sync, recounted after it) and its ingestor.</summary>
    private (PaperStore Store, Ingestor Ingestor) IndexOf(int count)
    {
        var store = new PaperStore(_temp.File("index.db"));
        var ingestor = new Ingestor(store, TimeProvider.System);
        Assert.True(ingestor.IngestFetched("seed", Papers("Ocelot", count, first: 0)).StatisticsStale);
        return (store, ingestor);
    }

    /// <summary><paramref name="count"/> papers about <paramref name="animal"/>s, numbered from <paramref name="first"/>.</summary>
    private static List<Paper> Papers(string animal, int count, int first) =>
    [
        .. Enumerable.Range(first, count).Select(i => new Paper
        {
            Id = $"2601.{i:D5}", ArxivId = $"2601.{i:D5}", Title = $"{animal} study {i}", Abstract = $"{animal}s number {i} and margays.",
        }),
    ];

    /// <summary>What the statistics table holds: each term's document count.</summary>
    private static Dictionary<string, long> Statistics(string path) => Read(path, "SELECT term, docs FROM term_stats");

    /// <summary>What FTS5 itself counts for each term (a scan of every doclist).</summary>
    private static Dictionary<string, long> FtsVocabulary(string path) => Read(path, "SELECT term, doc FROM papers_vocab");

    private static Dictionary<string, long> Read(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }
}
