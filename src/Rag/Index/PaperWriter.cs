using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// Inserts or merges papers inside one ingest transaction, with its statements prepared once for the whole file.
/// </summary>
internal sealed class PaperWriter : IDisposable
{
    private readonly SqliteCommand _findByArxiv;
    private readonly SqliteCommand _findByTitle;
    private readonly SqliteCommand _findById;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;

    public PaperWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _findByArxiv = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.arxiv_id = $key");
        _findByTitle = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.title_key = $key");
        _findById = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id = $key");
        _insert = Command(connection, transaction, """
            INSERT OR IGNORE INTO papers(id, arxiv_id, title_key, title, abstract, authors, author_count, organization,
                               published_on, featured_on, upvotes, ai_summary, ai_keywords)
            VALUES ($id, $arxiv_id, $title_key, $title, $abstract, $authors, $author_count, $organization,
                    $published_on, $featured_on, $upvotes, $ai_summary, $ai_keywords)
            """);
        _update = Command(connection, transaction, """
            UPDATE papers SET id = $id, arxiv_id = $arxiv_id, title_key = $title_key, title = $title,
                abstract = $abstract, authors = $authors, author_count = $author_count, organization = $organization,
                published_on = $published_on, featured_on = $featured_on, upvotes = $upvotes,
                ai_summary = $ai_summary, ai_keywords = $ai_keywords
            WHERE pid = $pid
            """);
    }

    public UpsertResult Upsert(Paper paper)
    {
        // Most papers of a file are new: try the insert first, and look for the stored copy only when one of
        // the unique keys (id, arXiv id, title key) says it exists.
        PaperRow.Bind(_insert, paper);
        if (_insert.ExecuteNonQuery() == 1)
        {
            return UpsertResult.Added;
        }

        var existing = (paper.ArxivId is null ? null : Find(_findByArxiv, paper.ArxivId))
            ?? Find(_findByTitle, PaperIdentity.TitleKey(paper.Title))
            ?? Find(_findById, paper.Id);
        if (existing is null)
        {
            throw new InvalidOperationException($"paper '{paper.Title}' was neither inserted nor found");
        }

        var merged = PaperMerger.Merge(existing.Value.Paper, paper);
        if (PaperRow.SameStoredValues(merged, existing.Value.Paper))
        {
            return UpsertResult.Unchanged;
        }

        PaperRow.Bind(_update, merged);
        _update.Parameters["$pid"].Value = existing.Value.Pid;
        _update.ExecuteNonQuery();
        return UpsertResult.Updated;
    }

    public void Dispose()
    {
        _findByArxiv.Dispose();
        _findByTitle.Dispose();
        _findById.Dispose();
        _insert.Dispose();
        _update.Dispose();
    }

    private static (long Pid, Paper Paper)? Find(SqliteCommand command, string key)
    {
        command.Parameters["$key"].Value = key;
        using var reader = command.ExecuteReader();
        return reader.Read() ? PaperRow.Read(reader) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (sql.Contains("$key", StringComparison.Ordinal))
        {
            command.Parameters.Add("$key", SqliteType.Text);
        }

        if (sql.Contains("$pid", StringComparison.Ordinal))
        {
            command.Parameters.Add("$pid", SqliteType.Integer);
        }

        return command;
    }
}
