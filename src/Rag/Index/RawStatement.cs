using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PaperBot.Rag.Index;

/// <summary>
/// A write statement prepared once and run many times with numbered parameters (<c>?1</c>, <c>?2</c>, ...) straight
/// through SQLite's C API, on a connection whose transaction the caller holds. For the ingest's per-paper inserts:
/// a <see cref="SqliteCommand"/> looks every named parameter up again at each run (twenty for a paper's row), which
/// cost the ingest a tenth of its time.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds parameter <paramref name="index"/> (from 1) to text, a whole number, or NULL.</summary>
    public void Bind(int index, object? value) => Check(value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        _ => throw new ArgumentException($"cannot bind a {value.GetType().Name}", nameof(value)),
    });

    /// <summary>Runs the statement with the values bound last; the number of rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite refused it (a constraint, a full disk); the statement is ready to run again.</exception>
    public int Run()
    {
        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_DONE)
        {
            var failure = Failure(result);
            raw.sqlite3_reset(_statement);
            throw failure;
        }

        raw.sqlite3_reset(_statement);
        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => raw.sqlite3_finalize(_statement);

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw Failure(result);
        }
    }

    private SqliteException Failure(int result) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
}
