using Microsoft.Data.Sqlite;
using PaperBot.Rag.Index;
using PaperBot.Rag.Ingestion;

namespace PaperBot.TestSupport;

/// <summary>The sample corpus indexed once per test run; each bot gets a copy of the file.</summary>
public static class SeededIndex
{
    private static readonly Lazy<string> Template = new(Build);

    public static void CopyTo(string databasePath) => File.Copy(Template.Value, databasePath);

    private static string Build()
    {
        // The template lives as long as the test process; the scratch root is deleted with it at exit.
        var folder = TestPaths.NewScratchFolder("seeded-");
        var path = Path.Combine(folder, "paperbot.db");
        var store = new PaperStore(path);
        new Ingestor(store, TimeProvider.System).IngestFiles(Ingestor.ExpandPaths([TestPaths.SeedDirectory]), new DateOnly(2025, 11, 20));
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            // Fold the WAL into the main file so that copying the one file copies the whole index.
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        return path;
    }
}
