using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// Stems query words with the index's own tokenizer, so that their statistics can be looked up exactly:
/// the words are written into a one-row temporary FTS5 table and read back from its vocabulary.
/// </summary>
internal static class QueryStemmer
{
    /// <summary>The connections (native handles: pooled connections keep theirs) whose temporary tables exist.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = new();

    /// <summary>Each word with its stem, in order; words are expected to be single tokens (letters and digits).</summary>
    public static IReadOnlyList<(string Word, string Stem)> Stem(SqliteConnection connection, IReadOnlyList<string> words)
    {
        // Created once per connection rather than asked for at each search: every statement is prepared anew
        // each time, and a search of a few words is only a few milliseconds.
        if (!Prepared.TryGetValue(connection.Handle!, out _))
        {
            using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_tokens USING fts5(q, tokenize='{FtsTokenizer.Spec}');
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.query_tokens_vocab USING fts5vocab(temp, query_tokens, 'instance');
                """;
            create.ExecuteNonQuery();
            Prepared.AddOrUpdate(connection.Handle!, Prepared);
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM temp.query_tokens;
            INSERT INTO temp.query_tokens(rowid, q) VALUES (1, $text);
            SELECT term, offset FROM temp.query_tokens_vocab;
            """;
        command.Parameters.AddWithValue("$text", string.Join(' ', words));
        var stems = new string?[words.Count];
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var offset = reader.GetInt32(1);
                if (offset < stems.Length)
                {
                    stems[offset] = reader.GetString(0);
                }
            }
        }

        return words.Select((w, i) => (w, stems[i] ?? w)).ToList();
    }
}
