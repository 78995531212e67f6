using Microsoft.Data.Sqlite;
using PaperBot.Rag.Corpus;

namespace PaperBot.Rag.Index;

/// <summary>
/// Inserts or merges papers inside one ingest transaction, with its statements prepared once for the whole file,
/// and files each paper under its days.
/// </summary>
/// <remarks>
/// Identity: the arXiv id decides. The normalized title joins two records only when one of them has no arXiv
/// id (a saved page's entry and the API's record of the same paper); two arXiv ids with one title are two papers.
/// Days: every featured day a source states is kept (exact). A paper no source gave a featured day is filed
/// under its publication date (guessed), which goes as soon as an exact day is known, so that the days do not
/// depend on the order of ingestion.
/// Counts: the papers it adds and the days that gain their first paper or lose their last are added to
/// <see cref="IndexCounts"/> by <see cref="SaveCounts"/>, in the same transaction.
/// </remarks>
internal sealed class PaperWriter : IDisposable
{
    private readonly SqliteCommand _findByArxiv;
    private readonly SqliteCommand _findIdlessByTitle;
    private readonly SqliteCommand _findByTitle;
    private readonly SqliteCommand _findById;
    private readonly RawStatement _insert;
    private readonly RawStatement _update;
    private readonly RawStatement _addExactDay;
    private readonly RawStatement _dropGuessedDays;
    private readonly RawStatement _dropOtherGuessedDays;
    private readonly RawStatement _addGuessedDay;
    private readonly RawStatement _addFirstGuessedDay;
    private readonly RawStatement _indexText;
    private readonly RawStatement _unindexText;
    private readonly SqliteCommand _dayHasPapers;

    /// <summary>Each day this transaction may have filed a paper under or taken one from, and whether it had papers before.</summary>
    private readonly Dictionary<string, bool> _dayHadPapers = new(StringComparer.Ordinal);

    private long _added;

    /// <summary>Whether the index holds a paper without an arXiv id, which a new arXiv paper of the same title would join.</summary>
    private bool _hasIdless;

    /// <summary>
    /// When the index held no paper as the transaction began (a first ingest, a rebuild): the title keys and arXiv
    /// ids of the rows this transaction wrote, which are then all the index holds. A paper matching none of them
    /// is new without a lookup; null when the index held papers, and every paper is looked up.
    /// </summary>
    private readonly HashSet<string>? _writtenKeys;

    private readonly SqliteConnection _connection;

    /// <summary>
    /// The texts this transaction adds to and takes from the full-text index, for updating the term statistics by
    /// their difference; null when the statistics were not current as the transaction began.
    /// </summary>
    private readonly TextChanges? _textChanges;

    /// <summary>
    /// The paper without an arXiv id that a new paper's title joins. "+" keeps SQLite on the title index: it would
    /// otherwise pick the arXiv id index for "IS NULL", which holds every paper of the saved pages under that one key.
    /// </summary>
    internal const string FindIdlessByTitle =
        $"SELECT {PaperRow.Columns} FROM papers p WHERE p.title_key = $key AND +p.arxiv_id IS NULL ORDER BY p.pid LIMIT 1";

    /// <param name="connection">The ingest's connection.</param>
    /// <param name="transaction">The file's transaction.</param>
    /// <param name="filesInBatch">The files of the batch this one belongs to: whether counting its texts into the term
    /// statistics pays against one recount after the batch (<see cref="TermStatistics.CountingPays"/>).</param>
    public PaperWriter(SqliteConnection connection, SqliteTransaction transaction, int filesInBatch)
    {
        _connection = connection;
        _findByArxiv = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.arxiv_id = $key");
        _findIdlessByTitle = Command(connection, transaction, FindIdlessByTitle);
        _findByTitle = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.title_key = $key ORDER BY p.pid LIMIT 1");
        _findById = Command(connection, transaction, $"SELECT {PaperRow.Columns} FROM papers p WHERE p.id = $key");
        // The statements run for every paper are prepared once and bound by number (see RawStatement).
        _insert = new RawStatement(connection, $"INSERT OR IGNORE INTO papers({PaperRow.StoredColumns}) VALUES ({PaperRow.StoredParameters})");
        _update = new RawStatement(connection, $"UPDATE papers SET ({PaperRow.StoredColumns}) = ({PaperRow.StoredParameters}) WHERE pid = ?21");
        _addExactDay = new RawStatement(connection, """
            INSERT INTO paper_days(pid, day, guessed) VALUES (?1, ?2, 0)
            ON CONFLICT(pid, day) DO UPDATE SET guessed = 0 WHERE guessed = 1
            """);
        _dropGuessedDays = new RawStatement(connection, "DELETE FROM paper_days WHERE pid = ?1 AND guessed = 1");
        _dropOtherGuessedDays = new RawStatement(connection, "DELETE FROM paper_days WHERE pid = ?1 AND guessed = 1 AND day IS NOT ?2");
        _addGuessedDay = new RawStatement(connection, """
            INSERT OR IGNORE INTO paper_days(pid, day, guessed)
            SELECT ?1, ?2, 1 WHERE ?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM paper_days WHERE pid = ?1 AND guessed = 0)
            """);
        _addFirstGuessedDay = new RawStatement(connection, "INSERT INTO paper_days(pid, day, guessed) VALUES (?1, ?2, 1)");

        // The full-text rows, written here rather than by triggers on papers (schema 7): a statement that fires a
        // trigger, like any statement that may write several rows, runs in a savepoint, and FTS5 flushes its
        // pending terms to disk at each savepoint. Single-row VALUES statements keep them in memory until commit.
        _indexText = new RawStatement(connection, "INSERT INTO papers_fts(rowid, title, abstract) VALUES (?1, ?2, ?3)");
        _unindexText = new RawStatement(connection, "INSERT INTO papers_fts(papers_fts, rowid, title, abstract) VALUES ('delete', ?1, ?2, ?3)");
        _dayHasPapers = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM paper_days WHERE day = $day)");
        using var idless = Command(connection, transaction, "SELECT EXISTS (SELECT 1 FROM papers WHERE arxiv_id IS NULL)");
        _hasIdless = (long)idless.ExecuteScalar()! == 1;
        using var empty = Command(connection, transaction, "SELECT NOT EXISTS (SELECT 1 FROM papers)");
        _writtenKeys = (long)empty.ExecuteScalar()! == 1 ? new HashSet<string>(StringComparer.Ordinal) : null;

        using var count = Command(connection, transaction, "SELECT value FROM index_counts WHERE name = 'papers'");
        var papers = (long)count.ExecuteScalar()!;
        _textChanges = TermStatistics.CountingPays(papers, filesInBatch) && TermStatistics.Current(connection, transaction, papers)
            ? new TextChanges(TermStatistics.MaxCountedTexts(papers))
            : null;
    }

    public UpsertResult Upsert(Paper paper)
    {
        (long Pid, Paper Paper)? existing;
        var titleKey = PaperIdentity.TitleKey(paper.Title);
        if (paper.ArxivId is not null && !_hasIdless)
        {
            // No paper to join by title: most papers of a file are new, so insert first and look for the
            // stored copy only when its id or arXiv id says it exists.
            if (Insert(paper, titleKey))
            {
                _added++;
                return UpsertResult.Added;
            }

            existing = Find(_findByArxiv, paper.ArxivId) ?? Find(_findById, paper.Id);
        }
        else
        {
            existing = !MayBeStored(paper.ArxivId, titleKey) ? null
                : paper.ArxivId is not null
                ? Find(_findByArxiv, paper.ArxivId) ?? Find(_findIdlessByTitle, titleKey)
                : Find(_findByTitle, titleKey);
            if (existing is null && Insert(paper, titleKey))
            {
                _hasIdless |= paper.ArxivId is null;
                _added++;
                return UpsertResult.Added;
            }
        }

        if (existing is null)
        {
            throw new InvalidOperationException($"paper '{paper.Title}' was neither inserted nor found");
        }

        var (storedPid, stored) = existing.Value;
        var merged = PaperMerger.Merge(stored, paper);
        var changed = !PaperRow.SameStoredValues(merged, stored);
        if (changed)
        {
            var mergedKey = PaperIdentity.TitleKey(merged.Title);
            PaperRow.Bind(_update, merged, mergedKey);
            _update.Bind(21, storedPid);
            _update.Run();
            NoteWritten(merged.ArxivId, mergedKey);
            if (merged.Title != stored.Title || merged.Abstract != stored.Abstract)
            {
                IndexText(_unindexText, storedPid, stored);
                IndexText(_indexText, storedPid, merged);
                _textChanges?.Remove(stored.Title, stored.Abstract);
                _textChanges?.Add(merged.Title, merged.Abstract);
            }
        }

        foreach (var day in stored.Days)
        {
            NoteDay(day);
        }

        changed |= FileUnderDays(storedPid, paper.FeaturedOn, merged.PublishedOn);
        return changed ? UpsertResult.Updated : UpsertResult.Unchanged;
    }

    /// <summary>Whether a stored paper may have this arXiv id or title key: always, unless the index was empty when the transaction began.</summary>
    private bool MayBeStored(string? arxivId, string titleKey) =>
        _writtenKeys is null || _writtenKeys.Contains(titleKey) || (arxivId is not null && _writtenKeys.Contains(arxivId));

    /// <summary>Remembers the keys of a row written, while the index holds nothing else (see <see cref="_writtenKeys"/>).</summary>
    private void NoteWritten(string? arxivId, string titleKey)
    {
        // One set for both: an arXiv id equal to some title key would only cost a lookup that finds nothing.
        _writtenKeys?.Add(titleKey);
        if (arxivId is not null)
        {
            _writtenKeys?.Add(arxivId);
        }
    }

    /// <summary>Inserts a new paper and files it under its day; false when its id or arXiv id is taken.</summary>
    private bool Insert(Paper paper, string titleKey)
    {
        PaperRow.Bind(_insert, paper, titleKey);

        // No RETURNING: SQLite runs it as a trigger, and a statement with a trigger runs in a savepoint, at which
        // FTS5 flushes its pending terms (see _indexText).
        if (_insert.Run() == 0)
        {
            return false;
        }

        NoteWritten(paper.ArxivId, titleKey);
        var pid = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);

        IndexText(_indexText, pid, paper);
        _textChanges?.Add(paper.Title, paper.Abstract);

        // A new paper has no day yet: its featured day, else its publication date as the guess.
        if (paper.FeaturedOn is { } day)
        {
            NoteDay(day);
            Run(_addExactDay, pid, day);
        }
        else if (paper.PublishedOn is { } published)
        {
            NoteDay(published);
            Run(_addFirstGuessedDay, pid, published);
        }

        return true;
    }

    public void Dispose()
    {
        foreach (var command in new[] { _findByArxiv, _findIdlessByTitle, _findByTitle, _findById, _dayHasPapers })
        {
            command.Dispose();
        }

        foreach (var statement in new[]
        {
            _insert, _update, _addExactDay, _dropGuessedDays, _dropOtherGuessedDays, _addGuessedDay, _addFirstGuessedDay, _indexText, _unindexText,
        })
        {
            statement.Dispose();
        }
    }

    /// <summary>Adds the record's featured day, or keeps the publication date as the guessed day; true when a day changed.</summary>
    private bool FileUnderDays(long pid, DateOnly? featuredOn, DateOnly? publishedOn)
    {
        if (featuredOn is { } day)
        {
            NoteDay(day);
            var added = Run(_addExactDay, pid, day);
            return added + Run(_dropGuessedDays, pid) > 0;
        }

        NoteDay(publishedOn);
        return Run(_dropOtherGuessedDays, pid, publishedOn) + Run(_addGuessedDay, pid, publishedOn) > 0;
    }

    /// <summary>Remembers whether <paramref name="day"/> had papers before this transaction first changed its papers.</summary>
    private void NoteDay(DateOnly? day)
    {
        if (PaperRow.FormatDate(day) is { } key && !_dayHadPapers.ContainsKey(key))
        {
            _dayHadPapers[key] = DayHasPapers(key);
        }
    }

    private bool DayHasPapers(string day)
    {
        _dayHasPapers.Parameters["$day"].Value = day;
        return (long)_dayHasPapers.ExecuteScalar()! == 1;
    }

    /// <summary>
    /// Updates the term statistics by the texts this transaction changed, or marks them for a refresh when they were
    /// not current or too many texts changed; call once, after <see cref="SaveCounts"/>. True when they are current.
    /// </summary>
    public bool UpdateStatistics(SqliteTransaction transaction)
    {
        if (_textChanges is { Overflowed: false })
        {
            TermStatistics.Apply(_connection, transaction, _textChanges);
            return true;
        }

        TermStatistics.MarkStale(_connection, transaction);
        return false;
    }

    /// <summary>Adds the papers inserted and the days gained or emptied so far to <see cref="IndexCounts"/>; call once, before commit.</summary>
    public void SaveCounts(SqliteTransaction transaction)
    {
        var days = _dayHadPapers.Sum(d => (DayHasPapers(d.Key) ? 1 : 0) - (d.Value ? 1 : 0));
        IndexCounts.Add(_connection, transaction, _added, days);
    }

    private static void IndexText(RawStatement statement, long pid, Paper paper)
    {
        statement.Bind(1, pid);
        statement.Bind(2, paper.Title);
        statement.Bind(3, paper.Abstract);
        statement.Run();
    }

    private static int Run(RawStatement statement, long pid, DateOnly? day)
    {
        statement.Bind(2, PaperRow.FormatDate(day));
        return Run(statement, pid);
    }

    private static int Run(RawStatement statement, long pid)
    {
        statement.Bind(1, pid);
        return statement.Run();
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

        if (sql.Contains("$day", StringComparison.Ordinal))
        {
            command.Parameters.Add("$day", SqliteType.Text);
        }

        return command;
    }
}
