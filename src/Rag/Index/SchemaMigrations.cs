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

        // 5: identity and featured days from real data. Two arXiv papers may share a title, so the title key is
        // no longer unique (the table is rebuilt: SQLite cannot drop a constraint; row ids are kept, so the
        // full-text index, vectors and gists stay valid). A paper can be featured on several days: paper_days
        // holds every day it is filed under, each exact (a featured day a source stated) or guessed (its
        // publication date, kept only while no exact day is known); the single generated day column goes.
        // The fields people click on the Hugging Face page are added. Existing papers keep their one day:
        // exact when it was a featured day, guessed when it was the publication date.
        """
        CREATE TABLE papers_v5 (
            pid                 INTEGER PRIMARY KEY,
            id                  TEXT NOT NULL UNIQUE,
            arxiv_id            TEXT UNIQUE,
            title_key           TEXT NOT NULL,
            title               TEXT NOT NULL,
            abstract            TEXT NOT NULL,
            authors             TEXT NOT NULL DEFAULT '[]',
            author_count        INTEGER,
            organization        TEXT,
            organization_handle TEXT,
            published_on        TEXT,
            featured_on         TEXT,
            upvotes             INTEGER,
            ai_summary          TEXT,
            ai_keywords         TEXT NOT NULL DEFAULT '[]',
            github_repo         TEXT,
            github_stars        INTEGER,
            project_page        TEXT,
            num_comments        INTEGER,
            submitter           TEXT,
            thumbnail           TEXT
        );
        INSERT INTO papers_v5(pid, id, arxiv_id, title_key, title, abstract, authors, author_count, organization,
                              published_on, featured_on, upvotes, ai_summary, ai_keywords)
            SELECT pid, id, arxiv_id, title_key, title, abstract, authors, author_count, organization,
                   published_on, featured_on, upvotes, ai_summary, ai_keywords FROM papers;
        CREATE TABLE paper_days (
            pid     INTEGER NOT NULL REFERENCES papers(pid) ON DELETE CASCADE,
            day     TEXT NOT NULL,
            guessed INTEGER NOT NULL,
            PRIMARY KEY (pid, day)
        ) WITHOUT ROWID;
        INSERT INTO paper_days(pid, day, guessed)
            SELECT pid, featured_on, 0 FROM papers WHERE featured_on IS NOT NULL;
        INSERT INTO paper_days(pid, day, guessed)
            SELECT pid, published_on, 1 FROM papers WHERE featured_on IS NULL AND published_on IS NOT NULL;
        DROP TABLE papers;
        ALTER TABLE papers_v5 RENAME TO papers;
        CREATE INDEX papers_title_key ON papers(title_key);
        CREATE INDEX paper_days_day ON paper_days(day);
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
        """,

        // 6: the papers without an arXiv id, by title: whether there are any (most indexes hold only API papers,
        // and their ingest then skips the title lookup) and which one a new arXiv paper's title joins.
        """
        CREATE INDEX papers_idless_title ON papers(title_key) WHERE arxiv_id IS NULL;
        """,

        // 7: the ingest writes the full-text rows of the papers it inserts or changes itself (PaperWriter). With a
        // trigger on papers every insert ran in a statement savepoint, and FTS5 writes its pending terms to disk at
        // each savepoint: a segment per paper, merged over and over (ingest at 0.3x a bare FTS5 table).
        """
        DROP TRIGGER papers_ai;
        DROP TRIGGER papers_au;
        """,

        // 8: watches (a standing topic per Discord user, channel or the local user) and their delivery ledger. A
        // delivery row is written in the transaction that decides it, so a paper reaches a watch at most once ever;
        // an alert is one message per watch per sync, its parts recorded as Discord acknowledges them, so a restart
        // resends only the parts Discord never received (each under the same nonce). Per-server settings last.
        """
        CREATE TABLE watches (
            id            TEXT PRIMARY KEY,
            owner_kind    TEXT NOT NULL,
            owner_id      TEXT NOT NULL,
            guild_id      TEXT,
            topic         TEXT NOT NULL,
            must          TEXT NOT NULL DEFAULT '[]',
            exclude       TEXT NOT NULL DEFAULT '[]',
            authors       TEXT NOT NULL DEFAULT '[]',
            organizations TEXT NOT NULL DEFAULT '[]',
            weights       TEXT,
            muted         INTEGER NOT NULL DEFAULT 0,
            after_pid     INTEGER NOT NULL,
            created_at    TEXT NOT NULL
        );
        CREATE INDEX watches_owner ON watches(owner_kind, owner_id);
        CREATE TABLE watch_alerts (
            alert_id     INTEGER PRIMARY KEY,
            watch_id     TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            nonce        TEXT NOT NULL,
            created_at   TEXT NOT NULL,
            delivered_at TEXT
        );
        CREATE INDEX watch_alerts_pending ON watch_alerts(alert_id) WHERE delivered_at IS NULL;
        CREATE TABLE watch_deliveries (
            watch_id TEXT NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
            pid      INTEGER NOT NULL REFERENCES papers(pid) ON DELETE CASCADE,
            alert_id INTEGER NOT NULL REFERENCES watch_alerts(alert_id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            reason   TEXT NOT NULL,
            feedback INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (watch_id, pid)
        ) WITHOUT ROWID;
        CREATE INDEX watch_deliveries_alert ON watch_deliveries(alert_id);
        CREATE TABLE watch_messages (
            alert_id   INTEGER NOT NULL REFERENCES watch_alerts(alert_id) ON DELETE CASCADE,
            part       INTEGER NOT NULL,
            channel_id TEXT NOT NULL,
            message_id TEXT NOT NULL,
            papers     TEXT NOT NULL,
            PRIMARY KEY (alert_id, part)
        ) WITHOUT ROWID;
        CREATE INDEX watch_messages_message ON watch_messages(message_id);
        CREATE TABLE guild_settings (
            guild_id TEXT NOT NULL,
            key      TEXT NOT NULL,
            value    TEXT NOT NULL,
            PRIMARY KEY (guild_id, key)
        ) WITHOUT ROWID;
        """,

        // 9: the number of papers and of days with papers, kept by the ingest in the transaction that changes them
        // (IndexCounts): counting them took a scan of the papers table and of the day index (0.15 s at 1M papers
        // for every stats). Counted here once from what the index holds.
        """
        CREATE TABLE index_counts (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO index_counts(name, value) VALUES
            ('papers', (SELECT count(*) FROM papers)),
            ('days', (SELECT count(DISTINCT day) FROM paper_days));
        """,

        // 10: ingest speed. FTS5 keeps up to 64 MiB of a transaction's new terms in memory (its default, 1 MiB, wrote a
        // 100k-paper file as about a hundred small segments that FTS5 merged again and again while the ingest went on:
        // a fifth of its time); a stored setting of the table, so every connection writes this way, and the memory is
        // held during a write only. The title index of papers without an arXiv id (6) goes: the title index finds
        // them as well (few papers share a title) and the arXiv id index tells whether there are any, while every
        // saved page's paper was written into both title indexes.
        """
        INSERT INTO papers_fts(papers_fts, rank) VALUES ('hashsize', 67108864);
        DROP INDEX papers_idless_title;
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Migrations.Length;

    public static void Apply(SqliteConnection connection) => ApplyUpTo(connection, Latest);

    /// <summary>Runs the migrations up to <paramref name="version"/>; tests use it to build a database as an older PaperBot did.</summary>
    internal static void ApplyUpTo(SqliteConnection connection, int version)
    {
        var current = CurrentVersion(connection);
        if (current > Latest)
        {
            throw new IndexException(
                $"the database was written by a newer PaperBot (schema {current}, this build knows {Latest}); update PaperBot or use another Data:Directory");
        }

        if (current >= version)
        {
            return;
        }

        // A migration that rebuilds a table drops the old one; with foreign keys on (the bundled SQLite's
        // default) that drop would cascade into vectors, gists and days. SQLite's procedure for changing a
        // table: foreign keys off outside the transaction, on again after (https://sqlite.org/lang_altertable.html).
        var foreignKeys = Pragma(connection, "foreign_keys");
        Execute(connection, "PRAGMA foreign_keys = OFF");
        try
        {
            while (true)
            {
                // The version is read again inside the write transaction (BEGIN IMMEDIATE): two processes opening a
                // new index at once (an ingest and a stats, two ingests) both saw it unmigrated, and the second must
                // not run a migration the first has committed meanwhile.
                using var transaction = connection.BeginTransaction();
                var next = Pragma(connection, "user_version", transaction);
                if (next >= version)
                {
                    break;
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
                command.ExecuteNonQuery();
                transaction.Commit();
            }
        }
        finally
        {
            Execute(connection, $"PRAGMA foreign_keys = {foreignKeys}");
        }
    }

    private static int CurrentVersion(SqliteConnection connection) => Pragma(connection, "user_version");

    private static int Pragma(SqliteConnection connection, string name, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
