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
    /// <summary>How many papers containing a word's stem <see cref="Writes"/> reads for the word as spelled.</summary>
    private const int WrittenSample = 200;

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

    /// <summary>The number of papers in the index (kept by the ingest: one row read).</summary>
    public long Count => Scalar<long>("SELECT value FROM index_counts WHERE name = 'papers'");

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
    /// Papers already known (same arXiv id or same normalized title) are merged field by field. The papers are
    /// read as they are written (a parser may still be making them); whatever they throw rolls the file back.
    /// When the content is known already they are not read, and the outcome's entries are their count only if a
    /// collection knows it.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled mid-file: the transaction is rolled back, nothing of the file is stored.</exception>
    /// <param name="filesInBatch">How many files the batch this one belongs to has: a write of a long batch leaves the
    /// term statistics to one recount after it (<see cref="IngestOutcome.StatisticsStale"/>), a short one into a large
    /// index counts its own texts in.</param>
    public IngestOutcome Ingest(string path, string sha256, IEnumerable<Paper> papers, DateTimeOffset now, int filesInBatch = 1, CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        using var connection = Open();

        // A file's papers land all over the papers table's key indexes (ids and title keys come in no order): at a
        // million papers those outgrow the 64 MiB cache, and a large file would write and read back the same pages
        // again and again. The larger cache lasts for this write only (connections are pooled).
        SetCacheSize(connection, IngestCacheKiB);
        try
        {
            return Ingest(connection, path, sha256, papers, now, filesInBatch, cancellationToken);
        }
        finally
        {
            SetCacheSize(connection, CacheKiB);
        }
    }

    private const int CacheKiB = 65536;
    private const int IngestCacheKiB = 262144;

    private static void SetCacheSize(SqliteConnection connection, int kibibytes)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{kibibytes}";
        command.ExecuteNonQuery();
    }

    private static IngestOutcome Ingest(SqliteConnection connection, string path, string sha256, IEnumerable<Paper> papers, DateTimeOffset now, int filesInBatch, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        if (SourceKnown(connection, transaction, sha256))
        {
            return new IngestOutcome(path, papers.TryGetNonEnumeratedCount(out var count) ? count : 0, 0, 0, AlreadyIngested: true);
        }

        using var writer = new PaperWriter(connection, transaction, filesInBatch);
        var (entries, added, updated) = (0, 0, 0);
        foreach (var paper in papers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entries++;
            switch (writer.Upsert(paper))
            {
                case UpsertResult.Added: added++; break;
                case UpsertResult.Updated: updated++; break;
                case UpsertResult.Unchanged: break;
            }
        }

        writer.SaveCounts(transaction);
        var statisticsStale = !writer.UpdateStatistics(transaction);
        using (var source = connection.CreateCommand())
        {
            source.Transaction = transaction;
            source.CommandText = """
                INSERT INTO sources(sha256, path, entries, added, updated, ingested_at)
                VALUES ($sha, $path, $entries, $added, $updated, $at)
                """;
            source.Parameters.AddWithValue("$sha", sha256);
            source.Parameters.AddWithValue("$path", path);
            source.Parameters.AddWithValue("$entries", entries);
            source.Parameters.AddWithValue("$added", added);
            source.Parameters.AddWithValue("$updated", updated);
            source.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
            source.ExecuteNonQuery();
        }

        transaction.Commit();
        return new IngestOutcome(path, entries, added, updated, AlreadyIngested: false) { StatisticsStale = statisticsStale };
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

    /// <summary>How many papers of the days <paramref name="from"/> to <paramref name="to"/> contain any of <paramref name="words"/>.</summary>
    public int CountMentioning(IReadOnlyCollection<string> words, DateOnly? from, DateOnly? to)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM papers_fts
            WHERE papers_fts MATCH $query AND rowid IN (SELECT pid FROM paper_days WHERE day BETWEEN $from AND $to)
            """;
        command.Parameters.AddWithValue("$query", QueryTerms.AnyOf(words));
        command.Parameters.AddWithValue("$from", PaperRow.FormatDate(from) ?? "0000-01-01");
        command.Parameters.AddWithValue("$to", PaperRow.FormatDate(to) ?? "9999-12-31");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Papers ranked by bm25 over weighted words and phrases, any of which may match (see <see cref="WeightedPhrase"/>),
    /// optionally only those filed under the days <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    public IReadOnlyList<SearchHit> SearchWeighted(IReadOnlyList<WeightedPhrase> phrases, int top, DateOnly? from = null, DateOnly? to = null)
    {
        using var connection = Open();
        return new FtsSearch(connection, _terms).RunWeighted(phrases, top, from, to);
    }

    /// <summary>Each word's document frequency from the term statistics (cached), and the papers they describe (0: never computed).</summary>
    internal (long Papers, IReadOnlyList<QueryTerm> Terms) TermFrequencies(IReadOnlyList<string> words)
    {
        using var connection = Open();
        return _terms.Lookup(connection, words);
    }

    /// <summary>
    /// Each word's document frequency, looked up without entering the term cache: a question's spelling variants
    /// (hundreds for each misspelled word) are asked for once.
    /// </summary>
    internal Dictionary<string, long> UncachedFrequencies(IReadOnlyList<string> words)
    {
        using var connection = Open();
        var stems = QueryStemmer.Stem(connection, words);
        var docs = TermStatistics.Docs(connection, [.. stems.Select(s => s.Stem).Distinct(StringComparer.Ordinal)]);
        return stems.DistinctBy(s => s.Word).ToDictionary(s => s.Word, s => docs.GetValueOrDefault(s.Stem), StringComparer.Ordinal);
    }

    /// <summary>
    /// True when some paper writes <paramref name="word"/> as it is spelled. The statistics know stems only, and a
    /// stem can be shared by a word nobody writes ("newlies" is stemmed as "newly" is), so a spelling correction is
    /// confirmed in the text of papers that contain the stem.
    /// </summary>
    internal bool Writes(string word)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT p.title || ' ' || p.abstract FROM papers_fts JOIN papers p ON p.pid = papers_fts.rowid WHERE papers_fts MATCH $query LIMIT {WrittenSample}";
        command.Parameters.AddWithValue("$query", QueryTerms.Phrase([word]));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var text = reader.GetString(0);
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + word.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A paper by its id, its arXiv id (with or without a version suffix or "arXiv:" prefix) or a link to its page or PDF.</summary>
    public Paper? Get(string id) => Find(id)?.Paper;

    /// <summary>As <see cref="Get"/>, with the paper's row id (what its vectors and search hits are keyed by).</summary>
    public (long Pid, Paper Paper)? Find(string id)
    {
        var key = NormalizeId(id);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id = $id OR p.arxiv_id = $id LIMIT 1";
        command.Parameters.AddWithValue("$id", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? PaperRow.Read(reader) : null;
    }

    /// <summary>The papers filed under one day (a paper featured on several days is listed on each), most upvoted first.</summary>
    public IReadOnlyList<Paper> PapersOfDay(DateOnly day) => [.. PapersOfDayWithPids(day).Select(p => p.Paper)];

    /// <summary>The papers of <paramref name="day"/> with their row ids, most upvoted first.</summary>
    public IReadOnlyList<(long Pid, Paper Paper)> PapersOfDayWithPids(DateOnly day)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {PaperRow.Columns} FROM paper_days d JOIN papers p ON p.pid = d.pid WHERE d.day = $day ORDER BY coalesce(p.upvotes, 0) DESC, p.title";
        command.Parameters.AddWithValue("$day", PaperRow.FormatDate(day));
        using var reader = command.ExecuteReader();
        var papers = new List<(long, Paper)>();
        while (reader.Read())
        {
            papers.Add(PaperRow.Read(reader));
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

    /// <summary>The latest day with papers that falls on <paramref name="month"/>/<paramref name="dayOfMonth"/> of any year, or null.</summary>
    public DateOnly? LatestDayOn(int month, int dayOfMonth)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(day) FROM paper_days WHERE substr(day, 6) = $md";
        command.Parameters.AddWithValue("$md", string.Create(CultureInfo.InvariantCulture, $"{month:00}-{dayOfMonth:00}"));
        return command.ExecuteScalar() is string day ? DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// The most upvoted (then most commented) papers filed under the days <paramref name="from"/> to <paramref name="to"/> (at most
    /// <paramref name="top"/>, each once), and how many papers those days hold in all.
    /// </summary>
    public (IReadOnlyList<(long Pid, Paper Paper)> Papers, int Total) MostUpvoted(DateOnly from, DateOnly to, int top)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {PaperRow.Columns}, (SELECT count(DISTINCT pid) FROM paper_days WHERE day BETWEEN $from AND $to) FROM papers p
            WHERE p.pid IN (SELECT pid FROM paper_days WHERE day BETWEEN $from AND $to)
            ORDER BY coalesce(p.upvotes, 0) DESC, coalesce(p.num_comments, 0) DESC, p.title LIMIT $top
            """;
        command.Parameters.AddWithValue("$from", PaperRow.FormatDate(from));
        command.Parameters.AddWithValue("$to", PaperRow.FormatDate(to));
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var papers = new List<(long Pid, Paper Paper)>();
        var total = 0;
        while (reader.Read())
        {
            papers.Add(PaperRow.Read(reader));
            total = reader.GetInt32(reader.FieldCount - 1);
        }

        return (papers, total);
    }

    /// <summary>
    /// What the index holds; nothing here grows with the papers: their counts are kept by the ingest, the first and
    /// last day are the ends of the day index, and the sources table has a row per file ingested, not per paper.
    /// </summary>
    public IndexStats Stats()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT coalesce(sum(entries), 0) FROM sources), (SELECT value FROM index_counts WHERE name = 'papers'),
                   (SELECT value FROM index_counts WHERE name = 'days'), (SELECT min(day) FROM paper_days), (SELECT max(day) FROM paper_days),
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
    /// Runs SQLite's quick check and throws an <see cref="IndexException"/> saying how to rebuild a damaged index.
    /// An index unchanged since its last good check is not read again (<see cref="IndexHealth"/> keeps the stamp):
    /// the scan runs once after each change (a write, an unclean shutdown, damage), never per reading command.
    /// </summary>
    public void EnsureIntact()
    {
        if (IndexHealth.CheckedUnchanged(DatabasePath))
        {
            return;
        }

        // A connection of its own, never pooled. The check includes FTS5's (xIntegrity), which reads the full-text
        // index through the segment list its table object cached at an earlier read on the same connection, without
        // asking whether another process committed since. On a pooled connection that list can predate a merge
        // another process's ingest committed, and the check then reads segments that are gone and reports
        // "fts5: corruption found reading blob" in a healthy index. A new connection reads the list and the
        // segments in the one read transaction of the check: what a concurrent writer has not committed is not seen.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        string result;
        string? before;
        try
        {
            connection.Open();
            if (!IsReadOnly)
            {
                FoldWal(connection);
            }

            before = IndexHealth.SettledState(DatabasePath);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            result = (string)command.ExecuteScalar()!;
        }
        catch (SqliteException e) when (IndexHealth.Describe(e, DatabasePath) is { } message)
        {
            throw new IndexException(message, e);
        }

        if (result != "ok")
        {
            throw new IndexException(IndexHealth.Damaged(DatabasePath, result));
        }

        // Stamped only when the main file was the whole database all through the check: a write that landed
        // meanwhile (in the WAL or checkpointed into the file) is checked by the next command.
        if (!IsReadOnly && before is not null && before == IndexHealth.SettledState(DatabasePath))
        {
            IndexHealth.Stamp(DatabasePath, before);
        }
    }

    /// <summary>
    /// Copies what the WAL holds into the main file and empties it, so that the stamp can describe the main file
    /// alone. Without waiting: while another process writes, the WAL stays as it is and the index is checked again
    /// by the next command.
    /// </summary>
    private static void FoldWal(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(TRUNCATE);";
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == IndexHealth.SqliteBusy)
        {
            // Another process is writing: its work is checked once it is done.
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
                pragmas.CommandText = $"PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{CacheKiB};";
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

        key = PaperOfLink(key) ?? key;

        var version = key.LastIndexOf('v');
        if (version > 0 && key[..version].Contains('.', StringComparison.Ordinal) && key[(version + 1)..].All(char.IsAsciiDigit) && version < key.Length - 1)
        {
            key = key[..version];
        }

        return key;
    }

    /// <summary>
    /// The id in a link to a paper's page or PDF, as PaperBot prints them and browsers copy them: arxiv.org/abs,
    /// /pdf or /html and huggingface.co/papers, with or without the scheme or "www.", with ".pdf", a trailing slash,
    /// a query or a fragment; null when <paramref name="key"/> is not such a link.
    /// </summary>
    private static string? PaperOfLink(string key)
    {
        var link = key;
        foreach (var scheme in new[] { "https://", "http://" })
        {
            if (link.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                link = link[scheme.Length..];
            }
        }

        if (link.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            link = link[4..];
        }

        foreach (var prefix in new[] { "arxiv.org/abs/", "arxiv.org/pdf/", "arxiv.org/html/", "huggingface.co/papers/" })
        {
            if (link.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var id = link[prefix.Length..];
                id = id[..(id.IndexOfAny(['?', '#']) is var end and >= 0 ? end : id.Length)].TrimEnd('/');
                return id.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? id[..^4] : id;
            }
        }

        return null;
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
