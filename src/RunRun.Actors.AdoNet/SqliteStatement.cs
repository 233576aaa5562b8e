using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RunRun.Actors.AdoNet;

/// <summary>A <see cref="SqlStatement"/> over SQLitePCLRaw's native statement, on a Microsoft.Data.Sqlite connection's handle.</summary>
internal sealed class SqliteStatement : SqlStatement
{
    // Short values are encoded on the stack; longer ones borrow from the pool.
    private const int StackLimit = 512;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _parameters = new(StringComparer.Ordinal);

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, _db);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            // Only the first statement would ever run; a second one is a mistake in the SQL text.
            _statement.Dispose();
            throw new ArgumentException("Only one SQL statement may be prepared at a time: " + sql, nameof(sql));
        }

        for (var i = 1; i <= raw.sqlite3_bind_parameter_count(_statement); i++)
        {
            _parameters[raw.sqlite3_bind_parameter_name(_statement, i).utf8_to_string()] = i;
        }
    }

    public override SqlStatement With(string name, string? value)
    {
        var index = IndexOf(name);
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
        }
        else if (value.Length == 0)
        {
            // An empty span has no address, and a null address would bind NULL instead of ''.
            Check(raw.sqlite3_bind_text(_statement, index, string.Empty));
        }
        else
        {
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            byte[]? rented = null;
            var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
            try
            {
                var written = Encoding.UTF8.GetBytes(value, buffer);
                Check(raw.sqlite3_bind_text(_statement, index, buffer[..written]));
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        return this;
    }

    public override SqlStatement With(string name, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, IndexOf(name), value));
        return this;
    }

    public override SqlStatement With(string name, byte[]? value)
    {
        var index = IndexOf(name);
        Check(value switch
        {
            null => raw.sqlite3_bind_null(_statement, index),

            // As with text: an empty span would bind NULL, not an empty blob.
            { Length: 0 } => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            _ => raw.sqlite3_bind_blob(_statement, index, value),
        });
        return this;
    }

    public override int ExecuteNonQuery()
    {
        try
        {
            while (Step())
            {
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public override long? ExecuteInt64()
    {
        using var rows = Query();
        return rows.Read() && !rows.IsNull(0) ? rows.GetInt64(0) : null;
    }

    public override SqlRows Query() => new(this);

    public override void Dispose() => _statement.Dispose();

    protected internal override bool Read() => Step();

    protected internal override bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    protected internal override long GetInt64(int column) => raw.sqlite3_column_int64(_statement, column);

    protected internal override string GetString(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    protected internal override byte[] GetBytes(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    protected internal override void Reset() => raw.sqlite3_reset(_statement);

    private bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            // The statement's error is the connection's last error, with its extended code.
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    private int IndexOf(string name) =>
        _parameters.TryGetValue(name, out var index)
            ? index
            : throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _db);
}
