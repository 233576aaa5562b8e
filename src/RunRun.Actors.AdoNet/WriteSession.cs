using System.Data.Common;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// The writer loop's connection, its reused commands and the transaction of the batch in progress.
/// Only the writer loop touches it.
/// </summary>
internal sealed class WriteSession(IStorageDialect dialect, DbConnection connection) : IDisposable
{
    private readonly StatementCache _statements = new(dialect, connection);
    private DbTransaction? _transaction;

    public StorageSql Sql => dialect.Sql;

    /// <summary>The reused statement for <paramref name="sql"/>; it runs inside the current transaction, which is the connection's.</summary>
    public SqlStatement Statement(string sql) => _statements.Get(sql);

    public void Begin() => _transaction = dialect.BeginWriteTransaction(connection);

    public void Commit()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No transaction to commit.");
        transaction.Commit();
        transaction.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No transaction to roll back.");
        _transaction = null;
        try
        {
            transaction.Rollback();
        }
        finally
        {
            transaction.Dispose();
        }
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        _transaction = null;
        _statements.Dispose();
    }
}
