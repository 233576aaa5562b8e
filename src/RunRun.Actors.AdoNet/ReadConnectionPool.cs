using System.Collections.Concurrent;
using System.Data;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Open reader connections with their prepared statements, kept for reuse so a read neither opens a
/// connection nor compiles its statement. Readers never wait for the writer (SQLite in WAL mode).
/// </summary>
internal sealed class ReadConnectionPool(IStorageDialect dialect, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<StatementCache> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public async ValueTask<ReadLease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var statements))
        {
            Interlocked.Decrement(ref _idleCount);
            return new ReadLease(this, statements);
        }

        var connection = await dialect.OpenConnectionAsync(ConnectionPurpose.Reader, cancellationToken).ConfigureAwait(false);
        return new ReadLease(this, new StatementCache(dialect, connection));
    }

    public void Return(StatementCache statements)
    {
        if (_disposed || statements.Connection.State != ConnectionState.Open)
        {
            statements.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            statements.Dispose();
            return;
        }

        _idle.Add(statements);
        if (_disposed)
        {
            DisposeIdle();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var statements))
        {
            statements.Dispose();
        }
    }
}
