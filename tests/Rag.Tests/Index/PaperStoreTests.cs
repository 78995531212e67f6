using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;

namespace PaperBot.Rag.Tests.Index;

public sealed class PaperStoreTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 11, 20);
    private readonly TempFolder _temp = new();
    private readonly PaperStore _store;
    private readonly Ingestor _ingestor;

    public PaperStoreTests()
    {
        _store = new PaperStore(_temp.File("index.db"));
        _ingestor = new Ingestor(_store, TimeProvider.System);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sample_corpus_gives_841_entries_and_791_distinct_papers()
    {
        // Five saved pages (597 entries, 547 papers) and ten real API days, 2026-03-10 to 2026-03-23 (244 papers).
        var report = _ingestor.IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), AsOf);

        Assert.Empty(report.Failures);
        Assert.Empty(report.Warnings);
        Assert.Equal(841, report.Entries);
        var stats = _store.Stats();
        Assert.Equal(841, stats.EntriesRead);
        Assert.Equal(791, stats.Papers);
        Assert.Equal(15, stats.Sources);
        Assert.Equal(new DateOnly(2026, 3, 23), stats.LastDay);
        var days = new[] { 10, 11, 12, 13, 16, 17, 18, 19, 20, 23 }.Select(d => new DateOnly(2026, 3, d));
        Assert.Equal([28, 18, 19, 36, 20, 27, 34, 20, 23, 19], days.Select(d => _store.PapersOfDay(d).Count));
    }

    [Fact]
    public void Re_ingesting_the_same_files_changes_nothing()
    {
        var files = Ingestor.ExpandPaths([TestPaths.SeedDirectory]);
        _ingestor.IngestFiles(files, AsOf);
        var before = Snapshot();

        var again = _ingestor.IngestFiles(files, AsOf);

        Assert.All(again.Outcomes, o => Assert.True(o.AlreadyIngested));
        Assert.Equal(before, Snapshot());
        Assert.Equal(841, _store.Stats().EntriesRead);
    }

    [Fact]
    public void The_same_content_under_another_name_adds_no_papers_and_updates_none()
    {
        var copy = _temp.Write("copy.txt", "SubscribePaper A\nAbstract A.\nPaper B\nAbstract B.\n");
        _ingestor.IngestFile(copy, AsOf);
        var other = _temp.Write("other.txt", "SubscribePAPER a!\nAbstract A.\nPaper B\nAbstract B.\nPaper C\nAbstract C.\n");

        var (outcome, _) = _ingestor.IngestFile(other, AsOf);

        Assert.Equal(1, outcome.Added);
        Assert.Equal(0, outcome.Updated);
        Assert.Equal(3, _store.Count);
    }

    [Fact]
    public void The_richer_record_wins_field_by_field_and_the_arxiv_id_becomes_the_id()
    {
        var fromPage = new Paper { Id = PaperIdentity.IdFor(null, "Great Paper"), Title = "Great Paper", Abstract = "Short.", AuthorCount = 3, PublishedOn = new DateOnly(2025, 10, 2), Upvotes = 5 };
        var fromApi = new Paper
        {
            Id = "2510.01234", ArxivId = "2510.01234", Title = "Great paper", Abstract = "Short, but longer from the API.",
            Authors = ["Ada", "Bob", "Cy", "Di"], PublishedOn = new DateOnly(2025, 10, 1), FeaturedOn = new DateOnly(2025, 10, 3),
            Upvotes = 2, AiSummary = "It is great.", AiKeywords = ["great"],
        };
        _store.Ingest("page", "sha-page", [fromPage], DateTimeOffset.UnixEpoch);

        var outcome = _store.Ingest("api", "sha-api", [fromApi], DateTimeOffset.UnixEpoch);

        Assert.Equal(1, outcome.Updated);
        var merged = Assert.IsType<Paper>(_store.Get("2510.01234"));
        Assert.Equal("Great Paper", merged.Title);
        Assert.Equal("Short, but longer from the API.", merged.Abstract);
        Assert.Equal(["Ada", "Bob", "Cy", "Di"], merged.Authors);
        Assert.Equal(4, merged.AuthorCount);
        Assert.Equal(new DateOnly(2025, 10, 1), merged.PublishedOn);
        Assert.Equal(new DateOnly(2025, 10, 3), merged.Day);
        Assert.Equal(5, merged.Upvotes);
        Assert.Equal("It is great.", merged.AiSummary);
        Assert.Equal(1, _store.Count);
        Assert.NotNull(_store.Get("arXiv:2510.01234v2"));
        Assert.NotNull(_store.Get("https://arxiv.org/abs/2510.01234"));
    }

    [Fact]
    public void A_paper_s_day_is_the_featured_day_else_the_publication_date()
    {
        _store.Ingest("x", "sha", [
            new Paper { Id = "a", ArxivId = "a", Title = "Featured", Abstract = "x", PublishedOn = new DateOnly(2025, 1, 1), FeaturedOn = new DateOnly(2025, 1, 3) },
            new Paper { Id = "b", ArxivId = "b", Title = "Published", Abstract = "x", PublishedOn = new DateOnly(2025, 1, 3) },
            new Paper { Id = "c", ArxivId = "c", Title = "Other", Abstract = "x", PublishedOn = new DateOnly(2025, 1, 1) },
        ], DateTimeOffset.UnixEpoch);

        Assert.Equal(["Featured", "Published"], _store.PapersOfDay(new DateOnly(2025, 1, 3)).Select(p => p.Title).Order());
        Assert.Equal(new DateOnly(2025, 1, 3), _store.LatestDay());
        Assert.Equal([new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 3)], _store.NearestDays(new DateOnly(2025, 1, 2), 5));
    }

    [Fact]
    public void Search_ranks_title_matches_first_and_filters_by_day()
    {
        _store.Ingest("x", "sha", [
            new Paper { Id = "a", ArxivId = "a", Title = "Diffusion transformers at scale", Abstract = "We train models.", PublishedOn = new DateOnly(2025, 1, 1) },
            new Paper { Id = "b", ArxivId = "b", Title = "A study of models", Abstract = "We compare diffusion with autoregression.", PublishedOn = new DateOnly(2025, 2, 1) },
        ], DateTimeOffset.UnixEpoch);

        var all = _store.Search(new SearchRequest("diffusion"));
        var february = _store.Search(new SearchRequest("diffusion", From: new DateOnly(2025, 2, 1), To: new DateOnly(2025, 2, 28)));

        Assert.Equal(["a", "b"], all.Select(h => h.Paper.Id));
        Assert.True(all[0].Score > all[1].Score);
        Assert.Equal("b", Assert.Single(february).Paper.Id);
        Assert.Contains("**diffusion**", february[0].Snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of and which")]
    [InlineData("\" * : ( ) -")]
    public void Queries_without_searchable_words_return_nothing(string query)
    {
        IngestSeed();

        Assert.Empty(_store.Search(new SearchRequest(query)));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("vision*")]
    [InlineData("title:vision")]
    [InlineData("NEAR(vision language)")]
    [InlineData("vision AND -language")]
    [InlineData("(vision OR")]
    [InlineData("vision-language")]
    public void Fts5_syntax_in_a_query_is_treated_as_words(string query)
    {
        IngestSeed();

        var hits = _store.Search(new SearchRequest(query));

        Assert.NotEmpty(hits);
    }

    [Fact]
    public void A_10000_character_query_and_other_scripts_are_answered()
    {
        IngestSeed();

        var longHits = _store.Search(new SearchRequest(string.Concat(Enumerable.Repeat("retrieval captioning ", 500))));
        var chinese = _store.Search(new SearchRequest("视觉语言模型"));

        Assert.NotEmpty(longHits);
        Assert.Empty(chinese);
    }

    [Fact]
    public void Query_words_are_stemmed_like_the_index()
    {
        IngestSeed();

        var hits = _store.Search(new SearchRequest("captioners"));

        Assert.Contains(hits, h => h.Paper.Title.Contains("Captioning", StringComparison.Ordinal));
    }

    [Fact]
    public void A_word_no_paper_contains_does_not_empty_the_results()
    {
        IngestSeed();

        var hits = _store.Search(new SearchRequest("captioning zzyzxqv"));

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains("caption", h.Paper.Title + h.Paper.Abstract, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Queries_of_frequent_words_still_find_papers_containing_all_of_them_first()
    {
        IngestSeed();

        var hits = _store.Search(new SearchRequest("large language models reasoning benchmark", Top: 20));

        Assert.Equal(20, hits.Count);
        var text = hits[0].Paper.Title + " " + hits[0].Paper.Abstract;
        Assert.Contains("reason", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("benchmark", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Opening_runs_migrations_once_and_records_the_version()
    {
        var path = _temp.File("index.db");
        _ = new PaperStore(path);

        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)SchemaMigrations.Latest, command.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused_with_advice()
    {
        var path = _temp.File("newer.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<IndexException>(() => new PaperStore(path));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_with_advice()
    {
        var path = _temp.Write("garbage.db", new string('x', 5000));

        var error = Assert.Throws<IndexException>(() => new PaperStore(path));

        Assert.Contains("Data:Directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_file_in_a_batch_is_reported_and_the_rest_is_ingested()
    {
        var good = _temp.Write("good.txt", "SubscribePaper A\nAbstract A.\n");
        var empty = _temp.Write("empty.txt", "");
        var binary = _temp.File("binary.json");
        File.WriteAllBytes(binary, [0, 1, 2, 3]);

        var report = _ingestor.IngestFiles([empty, binary, good], AsOf);

        Assert.Equal(2, report.Failures.Count);
        Assert.Equal(1, report.Added);
        Assert.Equal(1, _store.Count);
    }

    [Fact]
    public void A_file_lands_in_the_full_text_index_as_one_segment_that_matches_the_papers_also_after_a_merge()
    {
        // The full-text rows are written by the ingest (schema 7), not by triggers: a trigger made FTS5 flush its
        // pending terms at every paper, one segment each, and the ingest ran at 0.3x a bare FTS5 table.
        var papers = Enumerable.Range(0, 200).Select(i => new Paper { Id = $"2510.{i:D5}", ArxivId = $"2510.{i:D5}", Title = $"Otters {i}", Abstract = "Otters hold hands.", FeaturedOn = new DateOnly(2025, 10, 1) }).ToList();
        _store.Ingest("api", "sha-api", papers, DateTimeOffset.UnixEpoch);

        Assert.Equal(1L, FtsScalar("SELECT count(DISTINCT id >> 37) FROM papers_fts_data WHERE id >= (1 << 37)"));

        // A merge that changes the abstract re-indexes it: the new words are found, the old ones are gone.
        var richer = papers[7] with { Abstract = "Otters and walruses share the ice floes, a longer abstract." };
        Assert.Equal(1, _store.Ingest("api2", "sha-api2", [richer], DateTimeOffset.UnixEpoch).Updated);
        Assert.Equal(["2510.00007"], _store.Search(new SearchRequest("walruses")).Select(h => h.Paper.Id));
        Assert.Equal(199, _store.CountMentioning(["hands"], null, null));

        // FTS5's own check against the papers table (rank 1: compare with the content), which throws on any difference.
        FtsScalar("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)");
    }

    [Fact]
    public void An_ingest_writes_with_a_larger_page_cache_and_leaves_the_pooled_connection_as_it_was()
    {
        _store.Ingest("api", "sha-api", [new Paper { Id = "2510.00001", ArxivId = "2510.00001", Title = "Otters", Abstract = "Otters hold hands." }], DateTimeOffset.UnixEpoch);

        // The ingest's 256 MiB are for its write only: the next command on the same pooled connection reads with 64 MiB.
        using var connection = _store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        Assert.Equal(-65536L, (long)command.ExecuteScalar()!);
    }

    private long FtsScalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void IngestSeed() => _ingestor.IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), AsOf);

    private string Snapshot()
    {
        using var connection = _store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT group_concat(pid || id || title || abstract || coalesce(published_on, '') || coalesce(upvotes, ''), '|') FROM (SELECT * FROM papers ORDER BY pid)";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A file ingested into an empty index skips the identity lookups of papers whose keys it has not written yet; it
    /// must store exactly what the lookups would have: the same rows, days, counts and search results.
    /// </summary>
    [Fact]
    public void A_file_into_an_empty_index_stores_what_the_lookups_of_a_full_one_store()
    {
        // The sample corpus as one file's papers: its pages and API days share papers (841 entries, 791 papers),
        // joined by arXiv id and by title, a page's paper before or after the API's record of it.
        var papers = Ingestor.ExpandPaths([TestPaths.SeedDirectory])
            .SelectMany(f => CorpusFileReader.Read(f, AsOf).Entries)
            .Select(e => e.Paper)
            .ToList();
        var empty = new PaperStore(_temp.File("empty.db"));
        var held = new PaperStore(_temp.File("held.db"));

        var whole = empty.Ingest("all", "sha", papers, DateTimeOffset.UnixEpoch);
        // The same papers with the first stored on its own before: the rest then goes through every lookup.
        var first = held.Ingest("first", "sha-first", papers.Take(1), DateTimeOffset.UnixEpoch);
        var rest = held.Ingest("rest", "sha-rest", papers.Skip(1), DateTimeOffset.UnixEpoch);

        Assert.Equal(841, papers.Count);
        Assert.Equal((791, first.Updated + rest.Updated), (whole.Added, whole.Updated));
        Assert.Equal(first.Added + rest.Added, whole.Added);
        Assert.Equal(Rows(held, "papers", "pid"), Rows(empty, "papers", "pid"));
        Assert.Equal(Rows(held, "paper_days", "pid, day"), Rows(empty, "paper_days", "pid, day"));
        Assert.Equal((held.Stats().Papers, held.Stats().Days), (empty.Stats().Papers, empty.Stats().Days));
        empty.RefreshStatistics();
        held.RefreshStatistics();
        foreach (var query in new[] { "diffusion", "language model reasoning", "video generation benchmark" })
        {
            Assert.Equal(Hits(held, query), Hits(empty, query));
        }
    }

    private static List<string> Rows(PaperStore store, string table, string order)
    {
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    private static List<(long, double, string)> Hits(PaperStore store, string query) =>
        [.. store.Search(new SearchRequest(query)).Select(h => (h.Pid, h.Score, h.Snippet))];
}
