using Microsoft.Data.Sqlite;
using RunRun.Actors.AdoNet;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteStatementTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "runrun-statement-" + Guid.NewGuid().ToString("N") + ".db");
    private readonly SqliteDialect _dialect;
    private readonly SqliteConnection _connection;

    public SqliteStatementTests()
    {
        _dialect = new SqliteDialect(new SqliteStorageOptions { DataSource = _path });
        _connection = (SqliteConnection)_dialect.OpenConnectionAsync(ConnectionPurpose.Writer, CancellationToken.None).GetAwaiter().GetResult();
        using var create = _dialect.Prepare(_connection, "CREATE TABLE t (k TEXT NOT NULL PRIMARY KEY, n INTEGER NULL, b BLOB NULL);");
        create.ExecuteNonQuery();
    }

    [Fact]
    public void EmptyTextAndEmptyBlob_AreStoredAsEmpty_NotNull()
    {
        using var insert = Insert();
        insert.With("@k", string.Empty).With("@n", 1).With("@b", Array.Empty<byte>()).ExecuteNonQuery();

        using var read = _dialect.Prepare(_connection, "SELECT k IS NULL, b IS NULL, length(k), length(b), b FROM t;");
        using var rows = read.Query();
        Assert.True(rows.Read());
        Assert.Equal([0L, 0L, 0L, 0L], [rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3)]);
        Assert.Empty(rows.GetBytesOrNull(4)!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(171)]
    [InlineData(172)]
    [InlineData(5_000)]
    public void Text_RoundTrips_AtEveryLength(int length)
    {
        // Three UTF-8 bytes a character: 171 fit the stack buffer of 512 bytes' worst case, 172 do not.
        var text = new string('재', length) + "🛒";
        using var insert = Insert();
        insert.With("@k", text).With("@n", length).With("@b", (byte[]?)null).ExecuteNonQuery();

        using var read = _dialect.Prepare(_connection, "SELECT k, b FROM t WHERE n = @n;");
        using var rows = read.With("@n", length).Query();
        Assert.True(rows.Read());
        Assert.Equal(text, rows.GetString(0));
        Assert.Null(rows.GetBytesOrNull(1));
        Assert.False(rows.Read());
    }

    [Fact]
    public void NullText_BindsNull()
    {
        using var insert = Insert();
        var error = Assert.Throws<SqliteException>(() => insert.With("@k", (string?)null).With("@n", 1).With("@b", (byte[]?)null).ExecuteNonQuery());

        // SQLITE_CONSTRAINT_NOTNULL: the NULL reached the engine as NULL.
        Assert.Equal(1299, error.SqliteExtendedErrorCode);
    }

    [Fact]
    public void DuplicateKey_ThrowsWithTheExtendedCode_AndTheStatementRunsAgain()
    {
        using var insert = Insert();
        Assert.Equal(1, insert.With("@k", "a").With("@n", 1).With("@b", new byte[] { 1, 2 }).ExecuteNonQuery());

        var duplicate = Assert.Throws<SqliteException>(() => insert.With("@k", "a").ExecuteNonQuery());

        Assert.True(_dialect.IsDuplicateKey(duplicate));
        Assert.Equal(1, insert.With("@k", "b").ExecuteNonQuery());
        using var count = _dialect.Prepare(_connection, "SELECT count(*) FROM t;");
        Assert.Equal(2, count.ExecuteInt64());
    }

    [Fact]
    public void ExecuteNonQuery_ReturnsTheRowsChanged()
    {
        using var insert = Insert();
        foreach (var key in new[] { "a", "b", "c" })
        {
            insert.With("@k", key).With("@n", 7).With("@b", (byte[]?)null).ExecuteNonQuery();
        }

        using var update = _dialect.Prepare(_connection, "UPDATE t SET n = 8 WHERE n = @n;");

        Assert.Equal(3, update.With("@n", 7).ExecuteNonQuery());
        Assert.Equal(0, update.With("@n", 7).ExecuteNonQuery());
    }

    [Fact]
    public void ExecuteInt64_IsNull_ForNoRowAndForANullValue()
    {
        using var insert = Insert();
        insert.With("@k", "a").With("@b", (byte[]?)null).ExecuteNonQuery();
        using var read = _dialect.Prepare(_connection, "SELECT n FROM t WHERE k = @k;");

        Assert.Null(read.With("@k", "missing").ExecuteInt64());
        Assert.Null(read.With("@k", "a").ExecuteInt64());
    }

    [Fact]
    public void AQueryLeftPartWay_CanRunAgainOnceItsRowsAreDisposed()
    {
        using var insert = Insert();
        insert.With("@k", "a").With("@n", 1).With("@b", (byte[]?)null).ExecuteNonQuery();
        insert.With("@k", "b").With("@n", 2).With("@b", (byte[]?)null).ExecuteNonQuery();
        using var read = _dialect.Prepare(_connection, "SELECT n FROM t ORDER BY n;");

        using (var rows = read.Query())
        {
            Assert.True(rows.Read());
            Assert.Equal(1, rows.GetInt64(0));
        }

        using var again = read.Query();
        Assert.True(again.Read());
        Assert.Equal(1, again.GetInt64(0));
    }

    [Fact]
    public void UnknownParameter_IsAnArgumentError()
    {
        using var insert = Insert();

        var error = Assert.Throws<ArgumentException>(() => insert.With("@nope", 1));

        Assert.Contains("@nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoStatementsInOneText_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => _dialect.Prepare(_connection, "SELECT 1; SELECT 2;"));

        Assert.Contains("one SQL statement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSql_ThrowsTheEnginesError()
    {
        var error = Assert.Throws<SqliteException>(() => _dialect.Prepare(_connection, "SELECT FROM nowhere;"));

        Assert.Equal(1, error.SqliteErrorCode);
    }

    public void Dispose()
    {
        _connection.Dispose();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    private SqlStatement Insert() => _dialect.Prepare(_connection, "INSERT INTO t (k, n, b) VALUES (@k, @n, @b);");
}
