using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// The number of papers and of days with papers, kept in the <c>index_counts</c> table (schema 9) by the ingest in
/// the transaction that changes them, so that <c>stats</c> and every command start read two rows instead of
/// counting a million-row table and its day index.
/// </summary>
internal static class IndexCounts
{
    /// <summary>Adds <paramref name="papers"/> and <paramref name="days"/> (either may be negative) to the counts, inside <paramref name="transaction"/>.</summary>
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, long papers, long days)
    {
        if (papers == 0 && days == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE index_counts SET value = value + $papers WHERE name = 'papers';
            UPDATE index_counts SET value = value + $days WHERE name = 'days';
            """;
        command.Parameters.AddWithValue("$papers", papers);
        command.Parameters.AddWithValue("$days", days);
        command.ExecuteNonQuery();
    }
}
