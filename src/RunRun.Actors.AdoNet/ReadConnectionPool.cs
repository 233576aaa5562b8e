using System.Collections.Concurrent;
using System.Data;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Open reader connections with their prepared commands, kept for reuse so a read neither opens a
/// connection nor compiles its statement. Readers never wait for the writer (SQLite in WAL mode).
/// </summary>
internal sealed class ReadConnectionPool(IStorageDialect dialect, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<CommandCache> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public async ValueTask<ReadLease> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var commands))
        {
            Interlocked.Decrement(ref _idleCount);
            return new ReadLease(this, commands);
        }

        var connection = await dialect.OpenConnectionAsync(ConnectionPurpose.Reader, cancellationToken).ConfigureAwait(false);
        return new ReadLease(this, new CommandCache(connection));
    }

    public void Return(CommandCache commands)
    {
        if (_disposed || commands.Connection.State != ConnectionState.Open)
        {
            commands.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            commands.Dispose();
            return;
        }

        _idle.Add(commands);
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
        while (_idle.TryTake(out var commands))
        {
            commands.Dispose();
        }
    }
}
