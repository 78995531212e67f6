using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// The paper index: one SQLite file (WAL) holding the papers, their FTS5 full-text index and the files
/// ingested so far. Thread-safe: every operation uses its own pooled connection.
/// </summary>
public sealed class PaperStore
{
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> ConfiguredHandles = new();
    private static readonly object Configured = new();
    private readonly string _connectionString;
    private readonly TermCache _terms = new();

    public PaperStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        IsReadOnly = IndexFolder.Prepare(DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            // A read-only index is opened immutable: SQLite could not create the WAL index (-shm) beside it.
            DataSource = IsReadOnly ? new Uri(DatabasePath).AbsoluteUri + "?immutable=1" : DatabasePath,
            Mode = IsReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Initialize();
    }

    public string DatabasePath { get; }

    /// <summary>
    /// True when the index file or its folder cannot be written (a read-only mount, another user's files):
    /// reading works, writing commands are refused with <see cref="EnsureWritable"/>, caches are not kept.
    /// </summary>
    public bool IsReadOnly { get; }

    /// <summary>The number of papers in the index (a scan of the table: use <see cref="IsEmpty"/> to test for none).</summary>
    public long Count => Scalar<long>("SELECT count(*) FROM papers");

    /// <summary>True when the index holds no paper; one row lookup, cheap at any size (every command start asks).</summary>
    public bool IsEmpty => Scalar<long>("SELECT NOT EXISTS (SELECT 1 FROM papers)") == 1;

    /// <summary>True when <paramref name="sha256"/> (a file's content hash) has been ingested before.</summary>
    public bool HasSource(string sha256)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sources WHERE sha256 = $sha";
        command.Parameters.AddWithValue("$sha", sha256);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Records that the API listing <paramref name="listing"/> (e.g. "date=2026-03-10") was fetched and stored at <paramref name="at"/>.</summary>
    public void RecordSync(string listing, DateTimeOffset at)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO index_meta(key, value) VALUES ($key, $at)";
        command.Parameters.AddWithValue("$key", "sync:" + listing);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>When the API listing <paramref name="listing"/> was last fetched and stored; null when never.</summary>
    public DateTimeOffset? LastSync(string listing)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM index_meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", "sync:" + listing);
        return command.ExecuteScalar() is string at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Stores the papers of one file in one transaction: either all of it lands or none of it does.
    /// Papers already known (same arXiv id or same normalized title) are merged field by field.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled mid-file: the transaction is rolled back, nothing of the file is stored.</exception>
    public IngestOutcome Ingest(string path, string sha256, IReadOnlyList<Paper> papers, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        if (SourceKnown(connection, transaction, sha256))
        {
            return new IngestOutcome(path, papers.Count, 0, 0, AlreadyIngested: true);
        }

        using var writer = new PaperWriter(connection, transaction);
        var (added, updated) = (0, 0);
        foreach (var paper in papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (writer.Upsert(paper))
            {
                case UpsertResult.Added: added++; break;
                case UpsertResult.Updated: updated++; break;
                case UpsertResult.Unchanged: break;
            }
        }

        using (var source = connection.CreateCommand())
        {
            source.Transaction = transaction;
            source.CommandText = """
                INSERT INTO sources(sha256, path, entries, added, updated, ingested_at)
                VALUES ($sha, $path, $entries, $added, $updated, $at)
                """;
            source.Parameters.AddWithValue("$sha", sha256);
            source.Parameters.AddWithValue("$path", path);
            source.Parameters.AddWithValue("$entries", papers.Count);
            source.Parameters.AddWithValue("$added", added);
            source.Parameters.AddWithValue("$updated", updated);
            source.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
            source.ExecuteNonQuery();
        }

        transaction.Commit();
        return new IngestOutcome(path, papers.Count, added, updated, AlreadyIngested: false);
    }

    /// <summary>
    /// Recomputes the term statistics that search plans with; call after a batch of ingests (it reads the
    /// whole full-text vocabulary once).
    /// </summary>
    public void RefreshStatistics()
    {
        EnsureWritable();
        using var connection = Open();
        TermStatistics.Refresh(connection);
    }

    /// <summary>Ranked papers for a keyword query; an empty list when nothing matches or the query has no searchable words.</summary>
    public IReadOnlyList<SearchHit> Search(SearchRequest request)
    {
        using var connection = Open();
        return new FtsSearch(connection, _terms).Run(request);
    }

    /// <summary>Papers ranked by bm25 over weighted words and phrases, any of which may match (see <see cref="WeightedPhrase"/>).</summary>
    public IReadOnlyList<SearchHit> SearchWeighted(IReadOnlyList<WeightedPhrase> phrases, int top)
    {
        using var connection = Open();
        return new FtsSearch(connection, _terms).RunWeighted(phrases, top);
    }

    /// <summary>Each word's document frequency from the term statistics (cached), and the papers they describe (0: never computed).</summary>
    internal (long Papers, IReadOnlyList<QueryTerm> Terms) TermFrequencies(IReadOnlyList<string> words)
    {
        using var connection = Open();
        return _terms.Lookup(connection, words);
    }

    /// <summary>A paper by its id, its arXiv id (with or without a version suffix or "arXiv:" prefix).</summary>
    public Paper? Get(string id)
    {
        var key = NormalizeId(id);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id = $id OR p.arxiv_id = $id LIMIT 1";
        command.Parameters.AddWithValue("$id", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? PaperRow.Read(reader).Paper : null;
    }

    /// <summary>The papers filed under one day (a paper featured on several days is listed on each), most upvoted first.</summary>
    public IReadOnlyList<Paper> PapersOfDay(DateOnly day)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PaperRow.Columns} FROM paper_days d JOIN papers p ON p.pid = d.pid WHERE d.day = $day ORDER BY coalesce(p.upvotes, 0) DESC, p.title";
        command.Parameters.AddWithValue("$day", PaperRow.FormatDate(day));
        using var reader = command.ExecuteReader();
        var papers = new List<Paper>();
        while (reader.Read())
        {
            papers.Add(PaperRow.Read(reader).Paper);
        }

        return papers;
    }

    /// <summary>The latest day that has papers, or null for an index without dated papers.</summary>
    public DateOnly? LatestDay()
    {
        var day = Scalar<string?>("SELECT max(day) FROM paper_days");
        return day is null ? null : DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The days with papers closest to <paramref name="day"/>, nearest first.</summary>
    public IReadOnlyList<DateOnly> NearestDays(DateOnly day, int count)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d FROM (
                SELECT day AS d FROM (SELECT DISTINCT day FROM paper_days WHERE day < $day ORDER BY day DESC LIMIT $n)
                UNION SELECT day FROM (SELECT DISTINCT day FROM paper_days WHERE day > $day ORDER BY day LIMIT $n))
            ORDER BY abs(julianday(d) - julianday($day)), d LIMIT $n
            """;
        command.Parameters.AddWithValue("$day", PaperRow.FormatDate(day));
        command.Parameters.AddWithValue("$n", count);
        using var reader = command.ExecuteReader();
        var days = new List<DateOnly>();
        while (reader.Read())
        {
            days.Add(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return days;
    }

    public IndexStats Stats()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT coalesce(sum(entries), 0) FROM sources), (SELECT count(*) FROM papers),
                   (SELECT count(DISTINCT day) FROM paper_days), (SELECT min(day) FROM paper_days), (SELECT max(day) FROM paper_days),
                   (SELECT count(*) FROM sources),
                   (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        DateOnly? Day(int i) => reader.IsDBNull(i) ? null : DateOnly.ParseExact(reader.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var walBytes = File.Exists(DatabasePath + "-wal") ? new FileInfo(DatabasePath + "-wal").Length : 0;
        return new IndexStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), Day(3), Day(4),
            reader.GetInt64(5), reader.GetInt64(6) + walBytes, DatabasePath);
    }

    /// <summary>Throws a clear <see cref="IndexException"/> when the index cannot be written (see <see cref="IsReadOnly"/>).</summary>
    public void EnsureWritable()
    {
        if (IsReadOnly)
        {
            throw new IndexException(IndexHealth.ReadOnly(DatabasePath));
        }
    }

    /// <summary>
    /// Runs SQLite's quick check and throws an <see cref="IndexException"/> saying how to rebuild a damaged
    /// index. Unless <paramref name="always"/>, an index unchanged since its last good check is not read again
    /// (<see cref="IndexHealth"/> keeps the stamp), so a large index costs the scan once per change.
    /// </summary>
    public void EnsureIntact(bool always = false)
    {
        if (!always && IndexHealth.CheckedUnchanged(DatabasePath))
        {
            return;
        }

        string result;
        try
        {
            result = Scalar<string>("PRAGMA quick_check(1)");
        }
        catch (SqliteException e) when (IndexHealth.Describe(e, DatabasePath) is { } message)
        {
            throw new IndexException(message, e);
        }

        if (result != "ok")
        {
            throw new IndexException(IndexHealth.Damaged(DatabasePath, result));
        }

        if (!IsReadOnly)
        {
            IndexHealth.Stamp(DatabasePath);
        }
    }

    /// <summary>Opens a pooled connection with this store's settings; callers dispose it.</summary>
    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();

            // Pooled connections keep their native handle and its settings: configure each handle once.
            if (!ConfiguredHandles.TryGetValue(connection.Handle!, out _))
            {
                using var pragmas = connection.CreateCommand();
                pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;";
                pragmas.ExecuteNonQuery();
                ConfiguredHandles.AddOrUpdate(connection.Handle!, Configured);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IndexException(IndexHealth.Describe(e, DatabasePath)
                ?? $"cannot open the index at {DatabasePath} ({e.Message}); if that file is not a PaperBot index, move it away or set Data:Directory to another folder", e);
        }
    }

    private static string NormalizeId(string id)
    {
        var key = id.Trim();
        if (key.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
        {
            key = key[6..];
        }

        foreach (var prefix in new[] { "https://arxiv.org/abs/", "https://huggingface.co/papers/" })
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                key = key[prefix.Length..];
            }
        }

        var version = key.LastIndexOf('v');
        if (version > 0 && key[..version].Contains('.', StringComparison.Ordinal) && key[(version + 1)..].All(char.IsAsciiDigit) && version < key.Length - 1)
        {
            key = key[..version];
        }

        return key;
    }

    private static bool SourceKnown(SqliteConnection connection, SqliteTransaction transaction, string sha256)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM sources WHERE sha256 = $sha";
        command.Parameters.AddWithValue("$sha", sha256);
        return command.ExecuteScalar() is not null;
    }

    private void Initialize()
    {
        using var connection = Open();
        try
        {
            if (IsReadOnly)
            {
                EnsureCurrentSchema(connection);
                return;
            }

            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
            SchemaMigrations.Apply(connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == IndexHealth.SqliteCorrupt)
        {
            throw new IndexException(IndexHealth.Damaged(DatabasePath, e.Message), e);
        }
        catch (SqliteException e)
        {
            throw new IndexException($"the file {DatabasePath} is not a PaperBot index ({e.Message}); move it away or set Data:Directory to another folder", e);
        }
    }

    /// <summary>A read-only index cannot be migrated: it is readable only when written by this schema version.</summary>
    private void EnsureCurrentSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version != SchemaMigrations.Latest)
        {
            throw new IndexException(version == 0
                ? $"there is no PaperBot index at {DatabasePath} and its folder is read-only; set Data:Directory to a writable folder"
                : $"the index at {DatabasePath} has schema {version}, this build reads {SchemaMigrations.Latest}, and its folder is read-only so it cannot be upgraded; make {Path.GetDirectoryName(DatabasePath)} writable or copy the index to a writable Data:Directory");
        }
    }

    private T Scalar<T>(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
