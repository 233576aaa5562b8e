using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Hosting;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// One database shared by every provider configured on it: a pool of reader connections and a
/// single writer loop. Every write of every grain goes through the loop, which commits whatever is
/// queued as one transaction (group commit), so the cost of a durable commit is shared by a whole
/// batch instead of paid by each write.
/// </summary>
public sealed class AdoNetDatabase : ISiloLifecycleParticipant, IAsyncDisposable
{
    private readonly IStorageDialect _dialect;
    private readonly int _maxBatchSize;
    private readonly ILogger<AdoNetDatabase> _logger;
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ReadConnectionPool _readers;
    private readonly StoredStateFilter _storedStates = new();
    private readonly Lock _lock = new();
    private IDisposable? _claim;
    private Task? _scan;
    private Task? _start;
    private Task? _stop;
    private Task? _writerLoop;
    private WriteSession? _writer;

    public AdoNetDatabase(IStorageDialect dialect, int maxBatchSize, ILogger<AdoNetDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatchSize);
        ArgumentNullException.ThrowIfNull(logger);
        _dialect = dialect;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
        _readers = new ReadConnectionPool(dialect, maxIdle: Math.Max(4, Environment.ProcessorCount * 2));
    }

    public int Stage => SiloLifecycleStage.RuntimeStorage;

    public string DisplayName => _dialect.DisplayName;

    /// <summary>What the writer loop has committed, and the time it spent on it.</summary>
    public WriterMetrics Writer { get; } = new();

    internal StorageSql Sql => _dialect.Sql;

    /// <summary>True once the start-up scan has seen every stored state, so reads of others skip the query.</summary>
    internal bool KnowsEveryStoredState => _storedStates.IsComplete;

    /// <summary>Creates the schema and starts the writer loop; idempotent, and the first read or write starts it too.</summary>
    public Task OnStartAsync(CancellationToken cancellationToken) => EnsureStartedAsync(cancellationToken);

    /// <summary>Stops taking writes, writes everything already queued, then closes the connections.</summary>
    public Task OnStopAsync(CancellationToken cancellationToken) => BeginStop().WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await BeginStop().ConfigureAwait(false);

    internal async ValueTask<ReadLease> RentReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await _readers.RentAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// False when the state certainly has no row, which a database this process owns knows once it has
    /// scanned the table at start-up; true otherwise.
    /// </summary>
    /// <remarks>A stopped database has given up its claim, so it no longer answers from what it knew.</remarks>
    internal bool MayHaveState(string stateName, GrainId grainId) =>
        Volatile.Read(ref _stop) is not null || _storedStates.MayContain(stateName, grainId);

    /// <summary>Records that a state is about to be written; called before the write is queued, so before it can commit.</summary>
    internal void NoteStateWrite(string stateName, GrainId grainId) => _storedStates.Add(stateName, grainId);

    /// <summary>Queues <paramref name="operation"/> for the writer loop and waits until its batch commits.</summary>
    internal Task<TResult> WriteAsync<TResult>(WriteOperation<TResult> operation, CancellationToken cancellationToken) =>
        Volatile.Read(ref _start) is { IsCompletedSuccessfully: true }
            ? Enqueue(operation)
            : EnqueueOnceStartedAsync(operation, cancellationToken);

    /// <summary>
    /// Every write once the writer runs: the operation's own task is the caller's, so the hot path
    /// allocates no state machine of its own (three writes a placement).
    /// </summary>
    private Task<TResult> Enqueue<TResult>(WriteOperation<TResult> operation)
    {
        operation.ObserveCancellation();
        if (!_queue.Writer.TryWrite(operation))
        {
            operation.Fail(Stopped());
        }

        return operation.Task;
    }

    private async Task<TResult> EnqueueOnceStartedAsync<TResult>(WriteOperation<TResult> operation, CancellationToken cancellationToken)
    {
        await EnsureStartedAsync(cancellationToken).ConfigureAwait(false);
        return await Enqueue(operation).ConfigureAwait(false);
    }

    private Task EnsureStartedAsync(CancellationToken cancellationToken)
    {
        var start = Volatile.Read(ref _start);
        if (start is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            if (_stop is not null)
            {
                throw Stopped();
            }

            // Shared by every caller, so no single caller's token may cancel it.
            start = _start ??= Task.Run(StartCoreAsync, CancellationToken.None);
        }

        return start.WaitAsync(cancellationToken);
    }

    private async Task StartCoreAsync()
    {
        await _dialect.PrepareAsync(CancellationToken.None).ConfigureAwait(false);
        _claim = _dialect.ClaimForThisProcess();
        DbConnection? connection = null;
        try
        {
            connection = await _dialect.OpenConnectionAsync(ConnectionPurpose.Writer, CancellationToken.None).ConfigureAwait(false);
            await _dialect.ApplySchemaAsync(connection, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            ReleaseClaim();
            throw;
        }

        _writer = new WriteSession(_dialect, connection);
        _writerLoop = Task.Run(RunWriterLoopAsync, CancellationToken.None);
        if (_claim is not null)
        {
            _scan = Task.Run(ScanStoredStatesAsync, CancellationToken.None);
        }

        AdoNetLog.Started(_logger, DisplayName, _dialect.Engine, _maxBatchSize);
    }

    /// <summary>
    /// Adds every stored state's key to the filter, then lets it answer "absent". Writes made while
    /// the scan runs were added before they were queued, so whatever the scan's snapshot misses is in.
    /// </summary>
    private async Task ScanStoredStatesAsync()
    {
        var started = Stopwatch.GetTimestamp();
        long rows = 0;
        try
        {
            using var lease = await _readers.RentAsync(CancellationToken.None).ConfigureAwait(false);
            using var keys = lease.Statement(_dialect.Sql.ReadGrainStateKeys).Query();
            while (keys.Read())
            {
                if ((++rows & 4095) == 0 && Volatile.Read(ref _stop) is not null)
                {
                    return;
                }

                _storedStates.Add(keys.GetString(0), keys.GetString(1));
            }

            _storedStates.MarkComplete();
            AdoNetLog.StoredStatesScanned(_logger, DisplayName, rows, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // Without the scan every read asks the engine, which is correct, only slower.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            AdoNetLog.StoredStatesScanFailed(_logger, exception, DisplayName);
        }
    }

    private void ReleaseClaim()
    {
        _claim?.Dispose();
        _claim = null;
    }

    private Task BeginStop()
    {
        lock (_lock)
        {
            return _stop ??= StopCoreAsync(_start);
        }
    }

    private async Task StopCoreAsync(Task? start)
    {
        _queue.Writer.TryComplete();
        try
        {
            if (start is not null)
            {
                // A start that failed left nothing to drain.
                await start.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_writerLoop is { } writerLoop)
                {
                    await writerLoop.ConfigureAwait(false);
                }
            }

            if (_scan is not null)
            {
                await _scan.ConfigureAwait(false);
            }

            _readers.Dispose();
        }
        finally
        {
            // Whatever went wrong in stopping, the file is free for the next start.
            ReleaseClaim();
        }

        AdoNetLog.Stopped(_logger, DisplayName, Writer.Transactions, Writer.Writes);
    }

    private async Task RunWriterLoopAsync()
    {
        var batch = new List<WriteOperation>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (TakeQueued(batch))
                {
                    await ExecuteBatchAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        finally
        {
            DiscardWriter();
        }
    }

    /// <summary>Moves queued operations into <paramref name="batch"/> up to the batch size; true when it took any.</summary>
    private bool TakeQueued(List<WriteOperation> batch)
    {
        var took = false;
        while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var operation))
        {
            // An operation cancelled while queued has already completed as cancelled.
            if (operation.TryTake())
            {
                batch.Add(operation);
                took = true;
            }
        }

        return took;
    }

    /// <summary>
    /// Runs <paramref name="pending"/> in one transaction. An operation that throws part-way may have
    /// written half of itself, so the transaction is rolled back, that operation fails alone, and the
    /// rest run again in a fresh transaction; each operation checks before it writes, so running it
    /// again gives the same answer.
    /// </summary>
    private async Task ExecuteBatchAsync(List<WriteOperation> pending)
    {
        while (pending.Count > 0)
        {
            WriteSession session;
            try
            {
                session = _writer ??= await OpenWriterAsync().ConfigureAwait(false);
                session.Begin();
            }
#pragma warning disable CA1031 // The callers get the error; the loop must live on for the next batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                FailBatch(pending, exception);
                return;
            }

            // Writes queued while this batch ran would wait for its commit and then pay for a commit
            // of their own, and a commit (pages written, then fsync) costs far more than a statement:
            // they join this one instead. Bounded by the batch size, so the commit always comes.
            int failedIndex;
            Exception? failure;
            var from = 0;
            var started = Stopwatch.GetTimestamp();
            do
            {
                failedIndex = ExecuteUntilFailure(session, pending, from, out failure);
                from = pending.Count;
            }
            while (failure is null && TakeQueued(pending));

            var executed = Stopwatch.GetTimestamp();
            Writer.RecordStatements(executed - started);
            if (failure is null)
            {
                try
                {
                    session.Commit();
                }
#pragma warning disable CA1031 // As above: every operation of the batch fails with the commit's error.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    FailBatch(pending, exception);
                    return;
                }

                Writer.RecordCommit(Stopwatch.GetTimestamp() - executed, pending.Count(operation => operation.Conflict is null));
                foreach (var operation in pending)
                {
                    operation.Complete();
                }

                return;
            }

            RollBack(session);
            var failed = pending[failedIndex];
            pending.RemoveAt(failedIndex);
            AdoNetLog.OperationFailed(_logger, failure, DisplayName, failed.ToString() ?? failed.GetType().Name);
            failed.Fail(failed.TranslateFailure(failure, _dialect));
        }
    }

    /// <summary>Executes operations from <paramref name="from"/> in order until one throws; returns its index (and the error), or -1.</summary>
    private static int ExecuteUntilFailure(WriteSession session, List<WriteOperation> pending, int from, out Exception? failure)
    {
        for (var i = from; i < pending.Count; i++)
        {
            try
            {
                pending[i].Execute(session);
            }
#pragma warning disable CA1031 // Whatever one operation throws must fail that operation, not the batch.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = exception;
                return i;
            }
        }

        failure = null;
        return -1;
    }

    private void RollBack(WriteSession session)
    {
        try
        {
            session.Rollback();
        }
#pragma warning disable CA1031 // Closing the connection below rolls back whatever is left.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // SQLite rolls a transaction back by itself on some errors (disk full, I/O), and then
            // ROLLBACK fails; a fresh connection starts clean either way.
            AdoNetLog.RollbackFailed(_logger, exception, DisplayName);
            DiscardWriter();
        }
    }

    /// <summary>Nothing of the batch is known to be durable, and the connection may be broken, so the next batch opens a new one.</summary>
    private void FailBatch(List<WriteOperation> pending, Exception exception)
    {
        AdoNetLog.BatchFailed(_logger, exception, DisplayName, pending.Count);
        DiscardWriter();
        foreach (var operation in pending)
        {
            operation.Fail(exception);
        }
    }

    private void DiscardWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private async Task<WriteSession> OpenWriterAsync()
    {
        var connection = await _dialect.OpenConnectionAsync(ConnectionPurpose.Writer, CancellationToken.None).ConfigureAwait(false);
        return new WriteSession(_dialect, connection);
    }

    private InvalidOperationException Stopped() => new($"The storage database {DisplayName} is stopped.");
}
