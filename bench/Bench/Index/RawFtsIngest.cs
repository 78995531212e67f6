using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;

namespace PaperBot.Bench;

/// <summary>
/// The reference for ingest speed: the same parsed abstracts inserted into a bare FTS5 table with the same
/// tokenizer and journal settings, one transaction per file; what SQLite's full-text indexing costs by itself.
/// FTS5's own defaults (the reference), or with the in-memory term buffer ("hashsize") our index is given,
/// to show what is left of the difference once FTS5 is configured alike.
/// </summary>
internal static class RawFtsIngest
{
    public static double Measure(IReadOnlyList<string> files, string database, long? hashSize = null)
    {
        foreach (var stale in Directory.EnumerateFiles(Path.GetDirectoryName(database)!, Path.GetFileName(database) + "*"))
        {
            File.Delete(stale);
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;" +
            "CREATE VIRTUAL TABLE f USING fts5(title, abstract, tokenize='porter unicode61 remove_diacritics 2');");
        if (hashSize is { } bytes)
        {
            Execute(connection, $"INSERT INTO f(f, rank) VALUES ('hashsize', {bytes})");
        }

        var entries = 0;
        var watch = new Stopwatch();
        foreach (var file in files)
        {
            var parsed = CorpusFileReader.Read(file, new DateOnly(2025, 11, 20)).Entries;
            watch.Start();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO f(title, abstract) VALUES ($t, $a)";
            var title = insert.Parameters.Add("$t", SqliteType.Text);
            var text = insert.Parameters.Add("$a", SqliteType.Text);
            foreach (var entry in parsed)
            {
                title.Value = entry.Paper.Title;
                text.Value = entry.Paper.Abstract;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            watch.Stop();
            entries += parsed.Count;
        }

        return entries / watch.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
