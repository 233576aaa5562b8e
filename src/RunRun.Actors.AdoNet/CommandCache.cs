using System.Data.Common;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// The commands of one connection, created and prepared once per statement and reused, so a
/// statement is compiled once per connection rather than once per call. Not thread-safe: a
/// connection is used by one caller at a time.
/// </summary>
internal sealed class CommandCache(DbConnection connection) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbCommand Get(string sql, DbTransaction? transaction = null)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // The text comes from the dialect's fixed statements; values travel as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            command.Transaction = transaction;
            command.Prepare();
            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
