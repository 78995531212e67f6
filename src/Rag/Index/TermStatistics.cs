using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// Document frequencies of the indexed terms, copied from the fts5vocab table into an ordinary table after
/// each ingest batch. Reading fts5vocab directly would cost a scan of a term's whole doclist per lookup.
/// </summary>
internal static class TermStatistics
{
    private const string PapersKey = "term_stats_papers";

    /// <summary>Recomputes every term's document frequency (one pass over the index).</summary>
    public static void Refresh(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM term_stats;
            INSERT INTO term_stats(term, docs) SELECT term, doc FROM papers_vocab;
            INSERT OR REPLACE INTO index_meta(key, value) VALUES ('{PapersKey}', (SELECT value FROM index_counts WHERE name = 'papers'));
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
