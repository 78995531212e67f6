using Microsoft.Data.Sqlite;

namespace PaperBot.Rag.Index;

/// <summary>
/// The database schema as a list of forward migrations. <c>PRAGMA user_version</c> records how many have run;
/// opening a database runs the missing ones, each in its own transaction. Never edit a shipped migration:
/// append a new one.
/// </summary>
internal static class SchemaMigrations
{
    private static readonly string[] Migrations =
    [
        // 1: papers, their full-text index kept in step by triggers, and the files ingested so far.
        """
        CREATE TABLE papers (
            pid          INTEGER PRIMARY KEY,
            id           TEXT NOT NULL UNIQUE,
            arxiv_id     TEXT UNIQUE,
            title_key    TEXT NOT NULL UNIQUE,
            title        TEXT NOT NULL,
            abstract     TEXT NOT NULL,
            authors      TEXT NOT NULL DEFAULT '[]',
            author_count INTEGER,
            organization TEXT,
            published_on TEXT,
            featured_on  TEXT,
            day          TEXT GENERATED ALWAYS AS (coalesce(featured_on, published_on)) STORED,
            upvotes      INTEGER,
            ai_summary   TEXT,
            ai_keywords  TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX papers_day ON papers(day);
        CREATE VIRTUAL TABLE papers_fts USING fts5(
            title, abstract, content='papers', content_rowid='pid',
            tokenize='porter unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE papers_vocab USING fts5vocab(papers_fts, 'row');
        CREATE TRIGGER papers_ai AFTER INSERT ON papers BEGIN
            INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.pid, new.title, new.abstract);
        END;
        CREATE TRIGGER papers_ad AFTER DELETE ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.pid, old.title, old.abstract);
        END;
        CREATE TRIGGER papers_au AFTER UPDATE OF title, abstract ON papers BEGIN
            INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', old.pid, old.title, old.abstract);
            INSERT INTO papers_fts(rowid, title, abstract) VALUES (new.pid, new.title, new.abstract);
        END;
        CREATE TABLE sources (
            sha256      TEXT PRIMARY KEY,
            path        TEXT NOT NULL,
            entries     INTEGER NOT NULL,
            added       INTEGER NOT NULL,
            updated     INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        """,

        // 2: abstract embeddings for dense retrieval, one float32 vector per paper (little-endian, L2-normalized).
        """
        CREATE TABLE paper_vectors (
            pid    INTEGER PRIMARY KEY REFERENCES papers(pid) ON DELETE CASCADE,
            model  TEXT NOT NULL,
            dim    INTEGER NOT NULL,
            vector BLOB NOT NULL
        );
        """,

        // 3: model outputs worth keeping: one-paper gists and day digests (recomputed when the day's papers change).
        """
        CREATE TABLE paper_gists (
            pid   INTEGER NOT NULL REFERENCES papers(pid) ON DELETE CASCADE,
            model TEXT NOT NULL,
            gist  TEXT NOT NULL,
            PRIMARY KEY (pid, model)
        );
        CREATE TABLE day_digests (
            day         TEXT NOT NULL,
            model       TEXT NOT NULL,
            papers_hash TEXT NOT NULL,
            digest      TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            PRIMARY KEY (day, model)
        );
        """,

        // 4: document frequency of every indexed term, refreshed after each ingest batch, so that search can
        // plan a query without scanning doclists (fts5vocab counts documents by reading whole doclists).
        """
        CREATE TABLE term_stats (
            term TEXT PRIMARY KEY,
            docs INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE index_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Migrations.Length;

    public static void Apply(SqliteConnection connection)
    {
        var current = CurrentVersion(connection);
        if (current > Latest)
        {
            throw new IndexException(
                $"the database was written by a newer PaperBot (schema {current}, this build knows {Latest}); update PaperBot or use another Data:Directory");
        }

        for (var version = current; version < Latest; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
