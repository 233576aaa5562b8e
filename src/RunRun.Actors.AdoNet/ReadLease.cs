using System.Data.Common;

namespace RunRun.Actors.AdoNet;

/// <summary>A reader connection borrowed from the <see cref="ReadConnectionPool"/>; dispose to give it back.</summary>
internal sealed class ReadLease(ReadConnectionPool pool, CommandCache commands) : IDisposable
{
    private bool _returned;

    /// <summary>The reused command for <paramref name="sql"/>.</summary>
    public DbCommand Command(string sql) => commands.Get(sql);

    public void Dispose()
    {
        if (!_returned)
        {
            _returned = true;
            pool.Return(commands);
        }
    }
}
