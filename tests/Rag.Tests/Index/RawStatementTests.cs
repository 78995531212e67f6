using Microsoft.Data.Sqlite;
using PaperBot.Rag.Index;

namespace PaperBot.Rag.Tests.Index;

public sealed class RawStatementTests
{
    [Fact]
    public void A_refused_run_raises_sqlites_error_and_the_statement_runs_again()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t(id TEXT NOT NULL UNIQUE, n INTEGER)";
            create.ExecuteNonQuery();
        }

        using var insert = new RawStatement(connection, "INSERT INTO t(id, n) VALUES (?1, ?2)");
        insert.Bind(1, "a");
        insert.Bind(2, 1L);
        Assert.Equal(1, insert.Run());

        var error = Assert.Throws<SqliteException>(() => insert.Run());
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed: t.id", error.Message, StringComparison.Ordinal);

        insert.Bind(1, "b");
        insert.Bind(2, (long?)null);
        Assert.Equal(1, insert.Run());
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT group_concat(id || '=' || coalesce(n, 'null'), ',') FROM t";
        Assert.Equal("a=1,b=null", read.ExecuteScalar());
    }
}
