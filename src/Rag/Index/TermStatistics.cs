using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// Document frequencies of the indexed terms in an ordinary table: reading fts5vocab directly would cost a scan of a
/// term's whole doclist per lookup. A small ingest updates them by its own texts' counts, in its transaction
/// (<see cref="Apply"/>); after a large one they are copied again from fts5vocab (<see cref="Refresh"/>), which reads
/// every doclist of the index (5 s at a million papers).
/// </summary>
internal static class TermStatistics
{
    private const string PapersKey = "term_stats_papers";

    /// <summary>Set by a write that changed more texts than a delta is worth, until the next <see cref="Refresh"/>.</summary>
    private const string StaleKey = "term_stats_stale";

    /// <summary>
    /// Whether counting each file's texts into the statistics costs less than recounting them once after a batch of
    /// <paramref name="files"/> files into an index of <paramref name="papers"/> papers. Measured: a day file of the
    /// archive (10–60 papers) costs its transaction about 3 ms to count; a recount about 5 µs a paper (5 s at a
    /// million papers, 0.04 s at the archive's 8,000).
    /// </summary>
    public static bool CountingPays(long papers, int files) => (long)files * 600 <= papers;

    /// <summary>
    /// The most texts one write counts into an index of <paramref name="papers"/> papers before a recount is cheaper: a
    /// text costs about six times a paper's share of a recount (tokenizing 100k abstracts 3 s; recounting a million
    /// papers 5 s).
    /// </summary>
    public static int MaxCountedTexts(long papers) => (int)Math.Min(int.MaxValue, papers / 20);

    /// <summary>
    /// Whether the statistics describe the index of <paramref name="papers"/> papers as it is, so that a write may
    /// update them by its difference: they were last computed or updated at that number of papers, and no write since
    /// left them for a refresh.
    /// </summary>
    public static bool Current(SqliteConnection connection, SqliteTransaction transaction, long papers)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT coalesce((SELECT value FROM index_meta WHERE key = '{PapersKey}'), '0') = $papers
                AND NOT EXISTS (SELECT 1 FROM index_meta WHERE key = '{StaleKey}')
            """;
        command.Parameters.AddWithValue("$papers", papers.ToString(CultureInfo.InvariantCulture));
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>
    /// Records, in the write's <paramref name="transaction"/>, that the statistics no longer describe the index, so
    /// that no later write updates them by a difference before they are recomputed (even if this process stops first).
    /// </summary>
    public static void MarkStale(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR REPLACE INTO index_meta(key, value) VALUES ('{StaleKey}', '1')";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Adds the document counts of <paramref name="changes"/>' added texts and takes those of its removed ones, inside
    /// the ingest's <paramref name="transaction"/> (after the paper count is updated). The texts are tokenized by a
    /// temporary FTS5 table with the index's tokenizer, whose vocabulary gives each term's count among them; it keeps
    /// no content, so that it is emptied whole ('delete-all') rather than row by row (each row's terms tokenized again
    /// and left as tombstones that every later count would read).
    /// </summary>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, TextChanges changes)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.changed_text USING fts5(title, abstract, content='', tokenize='{FtsTokenizer.Spec}');
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.changed_text_vocab USING fts5vocab(temp, changed_text, 'row');
            """;
        command.ExecuteNonQuery();
        AddCounts(connection, transaction, changes.Added, +1);
        AddCounts(connection, transaction, changes.Removed, -1);

        // A term only a removed text had is in no paper now; a recount would not list it (a scan of the table, so
        // only when a text was removed).
        var gone = changes.Removed.Count > 0 ? "DELETE FROM term_stats WHERE docs <= 0;" : "";
        command.CommandText = $"""
            {gone}
            INSERT OR REPLACE INTO index_meta(key, value) VALUES ('{PapersKey}', (SELECT value FROM index_counts WHERE name = 'papers'));
            """;
        command.ExecuteNonQuery();
    }

    private static void AddCounts(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<TextChanges.Text> texts, int sign)
    {
        if (texts.Count == 0)
        {
            return;
        }

        using (var insert = new RawStatement(connection, "INSERT INTO temp.changed_text(title, abstract) VALUES (?1, ?2)"))
        {
            foreach (var text in texts)
            {
                insert.Bind(1, text.Title);
                insert.Bind(2, text.Abstract);
                insert.Run();
            }
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO term_stats(term, docs) SELECT term, {sign} * doc FROM temp.changed_text_vocab WHERE true
                ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs;
            INSERT INTO temp.changed_text(changed_text) VALUES ('delete-all');
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Recomputes every term's document frequency (one pass over every doclist of the index).</summary>
    public static void Refresh(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM term_stats;
            INSERT INTO term_stats(term, docs) SELECT term, doc FROM papers_vocab;
            INSERT OR REPLACE INTO index_meta(key, value) VALUES ('{PapersKey}', (SELECT value FROM index_counts WHERE name = 'papers'));
            DELETE FROM index_meta WHERE key = '{StaleKey}';
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>The number of papers when the statistics were last computed; 0 when they never were.</summary>
    public static long Papers(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM index_meta WHERE key = '{PapersKey}'";
        return command.ExecuteScalar() is string value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The document frequency of each of <paramref name="stems"/> the statistics know (one query for all of them).</summary>
    public static Dictionary<string, long> Docs(SqliteConnection connection, IReadOnlyList<string> stems)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT term, docs FROM term_stats WHERE term IN ({string.Join(", ", stems.Select((_, i) => $"$t{i}"))})";
        for (var i = 0; i < stems.Count; i++)
        {
            command.Parameters.AddWithValue($"$t{i}", stems[i]);
        }

        var docs = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            docs[reader.GetString(0)] = reader.GetInt64(1);
        }

        return docs;
    }
}
