using System.Data.Common;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// The prepared statements of one connection, prepared once per SQL text and reused, so a
/// statement is compiled once per connection rather than once per call. Not thread-safe: a
/// connection is used by one caller at a time.
/// </summary>
internal sealed class StatementCache(IStorageDialect dialect, DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqlStatement> _statements = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public SqlStatement Get(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = dialect.Prepare(connection, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    public void Dispose()
    {
        // Statements first: a connection closes only once nothing is prepared on it.
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _statements.Clear();
        connection.Dispose();
    }
}
