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

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
