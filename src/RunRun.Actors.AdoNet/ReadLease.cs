namespace RunRun.Actors.AdoNet;

/// <summary>A reader connection borrowed from the <see cref="ReadConnectionPool"/>; dispose to give it back.</summary>
internal sealed class ReadLease(ReadConnectionPool pool, StatementCache statements) : IDisposable
{
    private bool _returned;

    /// <summary>The reused statement for <paramref name="sql"/>.</summary>
    public SqlStatement Statement(string sql) => statements.Get(sql);

    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            pool.Return(statements);
        }
    }
}
