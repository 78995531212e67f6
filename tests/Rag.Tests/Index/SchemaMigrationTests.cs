using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Index;

/// <summary>Opening a database an older PaperBot wrote: it is migrated forward and nothing in it is lost.</summary>
public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_schema_4_database_gets_featured_day_sets_and_the_new_fields_and_keeps_its_data()
    {
        var path = _temp.File("old.db");
        WriteSchema4Database(path);

        var store = new PaperStore(path);

        var featured = Assert.IsType<Paper>(store.Get("2503.00001"));
        var published = Assert.IsType<Paper>(store.Get("2503.00002"));
        Assert.Equal([new DateOnly(2025, 3, 11)], featured.Days);
        Assert.Equal([new DateOnly(2025, 3, 9)], published.Days);
        Assert.Equal(["Ada", "Bo"], featured.Authors);
        Assert.Equal((7, "It works.", "NVIDIA"), (featured.Upvotes, featured.AiSummary, featured.Organization));
        Assert.Null(featured.GithubRepo);
        Assert.Equal(["2503.00001"], store.Search(new SearchRequest("otters")).Select(h => h.Paper.Id));
        Assert.Equal((1L, 1L), new PaperVectorStore(store).Version("m"));
        Assert.Equal(2, store.Stats().EntriesRead);
        Assert.Equal("a gist", Scalar(path, "SELECT gist FROM paper_gists"));
        Assert.Equal(SchemaMigrations.Latest.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(path, "PRAGMA user_version"));

        // The old schema refused a second paper with the same title; the migrated one keeps both.
        var twin = new Paper { Id = "2503.00003", ArxivId = "2503.00003", Title = "Otters at sea", Abstract = "Another paper.", FeaturedOn = new DateOnly(2025, 3, 12), GithubRepo = "https://github.com/o/t" };
        Assert.Equal(1, store.Ingest("new", "sha-new", [twin], DateTimeOffset.UnixEpoch).Added);
        Assert.Equal("https://github.com/o/t", store.Get("2503.00003")!.GithubRepo);
        Assert.Equal(3, store.Count);
        Assert.Equal(2, store.Search(new SearchRequest("otters")).Count);
    }

    [Fact]
    public void A_schema_9_index_still_joins_a_saved_page_paper_by_title_through_the_one_title_index()
    {
        var path = _temp.File("nine.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            SchemaMigrations.ApplyUpTo(connection, 9);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO papers(pid, id, arxiv_id, title_key, title, abstract) VALUES (1, 'otters-at-sea', NULL, 'otters at sea', 'Otters at sea', 'Otters hold hands.');
                INSERT INTO papers_fts(rowid, title, abstract) VALUES (1, 'Otters at sea', 'Otters hold hands.');
                INSERT INTO paper_days(pid, day, guessed) VALUES (1, '2025-03-11', 0);
                UPDATE index_counts SET value = 1;
                """;
            command.ExecuteNonQuery();
        }

        var store = new PaperStore(path);
        var api = new Paper { Id = "2503.00001", ArxivId = "2503.00001", Title = "Otters at sea", Abstract = "Otters hold hands.", FeaturedOn = new DateOnly(2025, 3, 11), Upvotes = 9 };
        var outcome = store.Ingest("api", "sha-api", [api], DateTimeOffset.UnixEpoch);

        Assert.Equal((0, 1), (outcome.Added, outcome.Updated));
        Assert.Equal(1, store.Count);
        Assert.Equal(("2503.00001", 9), (store.Get("2503.00001")!.ArxivId, store.Get("2503.00001")!.Upvotes));
        Assert.Equal("0", Scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'papers_idless_title'"));
        Assert.Contains("USING INDEX papers_title_key", Scalar(path, "EXPLAIN QUERY PLAN " + PaperWriter.FindIdlessByTitle.Replace("$key", "'otters at sea'", StringComparison.Ordinal), column: 3));

        // FTS5 buffers a large file's terms in memory (64 MiB) instead of writing and merging a segment per MiB.
        Assert.Equal("67108864", Scalar(path, "SELECT v FROM papers_fts_config WHERE k = 'hashsize'"));
    }

    /// <summary>A database as PaperBot wrote it before featured-day sets: the schema-4 code path and its SQL.</summary>
    private static void WriteSchema4Database(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        SchemaMigrations.ApplyUpTo(connection, 4);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO papers(id, arxiv_id, title_key, title, abstract, authors, author_count, organization,
                               published_on, featured_on, upvotes, ai_summary, ai_keywords)
            VALUES ('2503.00001', '2503.00001', 'otters at sea', 'Otters at sea', 'Otters hold hands.', '["Ada","Bo"]', 2,
                    'NVIDIA', '2025-03-10', '2025-03-11', 7, 'It works.', '["otters"]'),
                   ('2503.00002', '2503.00002', 'seals on land', 'Seals on land', 'Seals rest.', '[]', NULL,
                    NULL, '2025-03-09', NULL, NULL, NULL, '[]');
            INSERT INTO paper_vectors(pid, model, dim, vector) SELECT pid, 'm', 1, x'0000803f' FROM papers WHERE id = '2503.00001';
            INSERT INTO paper_gists(pid, model, gist) SELECT pid, 'm', 'a gist' FROM papers WHERE id = '2503.00001';
            INSERT INTO sources(sha256, path, entries, added, updated, ingested_at) VALUES ('s', 'old.json', 2, 2, 0, '2025-03-12T00:00:00Z');
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>The first row's value in <paramref name="column"/> of what <paramref name="sql"/> reads.</summary>
    private static string? Scalar(string path, string sql, int column = 0)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        return reader.Read() ? Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
