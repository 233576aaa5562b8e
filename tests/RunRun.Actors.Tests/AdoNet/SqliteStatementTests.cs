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
        rows.Read().ShouldBeTrue();
        new[] { rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3) }.ShouldBe([0L, 0L, 0L, 0L]);
        rows.GetBytesOrNull(4).ShouldBe([]);
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
        rows.Read().ShouldBeTrue();
        rows.GetString(0).ShouldBe(text);
        rows.GetBytesOrNull(1).ShouldBeNull();
        rows.Read().ShouldBeFalse();
    }

    [Fact]
    public void NullText_BindsNull()
    {
        using var insert = Insert();
        var error = Should.Throw<SqliteException>(() => insert.With("@k", (string?)null).With("@n", 1).With("@b", (byte[]?)null).ExecuteNonQuery());

        // SQLITE_CONSTRAINT_NOTNULL: the NULL reached the engine as NULL.
        error.SqliteExtendedErrorCode.ShouldBe(1299);
    }

    [Fact]
    public void DuplicateKey_ThrowsWithTheExtendedCode_AndTheStatementRunsAgain()
    {
        using var insert = Insert();
        insert.With("@k", "a").With("@n", 1).With("@b", new byte[] { 1, 2 }).ExecuteNonQuery().ShouldBe(1);

        var duplicate = Should.Throw<SqliteException>(() => insert.With("@k", "a").ExecuteNonQuery());

        _dialect.IsDuplicateKey(duplicate).ShouldBeTrue();
        insert.With("@k", "b").ExecuteNonQuery().ShouldBe(1);
        using var count = _dialect.Prepare(_connection, "SELECT count(*) FROM t;");
        count.ExecuteInt64().ShouldBe(2);
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

        update.With("@n", 7).ExecuteNonQuery().ShouldBe(3);
        update.With("@n", 7).ExecuteNonQuery().ShouldBe(0);
    }

    [Fact]
    public void ExecuteInt64_IsNull_ForNoRowAndForANullValue()
    {
        using var insert = Insert();
        insert.With("@k", "a").With("@b", (byte[]?)null).ExecuteNonQuery();
        using var read = _dialect.Prepare(_connection, "SELECT n FROM t WHERE k = @k;");

        read.With("@k", "missing").ExecuteInt64().ShouldBeNull();
        read.With("@k", "a").ExecuteInt64().ShouldBeNull();
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
            rows.Read().ShouldBeTrue();
            rows.GetInt64(0).ShouldBe(1);
        }

        using var again = read.Query();
        again.Read().ShouldBeTrue();
        again.GetInt64(0).ShouldBe(1);
    }

    [Fact]
    public void UnknownParameter_IsAnArgumentError()
    {
        using var insert = Insert();

        var error = Should.Throw<ArgumentException>(() => insert.With("@nope", 1));

        error.Message.ShouldContain("@nope");
    }

    [Fact]
    public void TwoStatementsInOneText_AreRefused()
    {
        var error = Should.Throw<ArgumentException>(() => _dialect.Prepare(_connection, "SELECT 1; SELECT 2;"));

        error.Message.ShouldContain("one SQL statement");
    }

    [Fact]
    public void BadSql_ThrowsTheEnginesError()
    {
        var error = Should.Throw<SqliteException>(() => _dialect.Prepare(_connection, "SELECT FROM nowhere;"));

        error.SqliteErrorCode.ShouldBe(1);
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
