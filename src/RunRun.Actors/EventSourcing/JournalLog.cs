using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage;

namespace RunRun.Actors.EventSourcing;

/// <summary>
/// The journal of one activation. Runs only on the activation's scheduler. One write is in flight
/// at a time; events raised meanwhile wait and go together in the next write.
/// </summary>
internal sealed class JournalLog<TState, TEvent> : IActivationComponent, IDurabilityBarrier
    where TState : class, new()
    where TEvent : notnull
{
    private readonly ActivationData _activation;
    private readonly JournaledGrain<TState, TEvent> _grain;
    private readonly IJournalStorage _storage;
    private readonly IGrainStorageSerializer _serializer;
    private readonly JournalMetrics _metrics;
    private readonly int _snapshotInterval;
    private readonly List<TEvent> _unwritten = [];
    private readonly Queue<Waiter> _waiters = new();
    private TaskCompletionSource? _idle;
    private bool _writing;

    // Snapshot pacing: events and event bytes since the last snapshot, and that snapshot's size.
    private long _eventsSinceSnapshot;
    private long _bytesSinceSnapshot;
    private long _snapshotBytes;

    public JournalLog(ActivationData activation, JournaledGrain<TState, TEvent> grain)
    {
        _activation = activation;
        _grain = grain;
        var services = activation.ActivationServices;
        var name = activation.ClassInfo.JournalStorageName;
        _storage = services.GetKeyedService<IJournalStorage>(name)
            ?? throw new MissingStorageProviderException(
                $"Journaled grain {activation.ClassInfo.Metadata.GrainClass.Name} uses journal storage '{name}', but no journal storage of that name is registered (AddSqliteJournalStorage or AddMemoryJournalStorage).");
        _serializer = services.GetRequiredService<IGrainStorageSerializer>();
        _metrics = services.GetRequiredService<JournalMetrics>();
        _snapshotInterval = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JournalOptions>>().Value.SnapshotInterval;
    }

    public TState TentativeState { get; private set; } = new();

    public TState ConfirmedState { get; private set; } = new();

    public long TentativeVersion { get; private set; }

    public long ConfirmedVersion { get; private set; }

    public async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await _storage.ReadAsync(_activation.GrainId, cancellationToken);
        ConfirmedState = stored.Snapshot is { } snapshot ? Read<TState>(snapshot.State, "snapshot") : new TState();
        _snapshotBytes = stored.Snapshot?.State.Length ?? 0;
        _eventsSinceSnapshot = stored.Events.Count;
        _bytesSinceSnapshot = stored.Events.Sum(e => (long)e.Length);
        foreach (var bytes in stored.Events)
        {
            _grain.Apply(ConfirmedState, Read<TEvent>(bytes, "event"));
        }

        ConfirmedVersion = TentativeVersion = stored.Version;
        TentativeState = CopyOfConfirmed();
    }

    public Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        if (!_writing && _unwritten.Count == 0)
        {
            return Task.CompletedTask;
        }

        _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _idle.Task.WaitAsync(cancellationToken);
    }

    public void Raise(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _grain.Apply(TentativeState, @event);
        _unwritten.Add(@event);
        TentativeVersion++;
        if (!_writing)
        {
            _writing = true;
            StartWriteLoop();
        }
    }

    public Task ConfirmAsync()
    {
        if (TentativeVersion == ConfirmedVersion)
        {
            return Task.CompletedTask;
        }

        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue(new Waiter(TentativeVersion, completion, null));
        return completion.Task;
    }

    public bool TryGetPendingVersion(out long version)
    {
        version = TentativeVersion;
        return TentativeVersion != ConfirmedVersion;
    }

    public void WhenDurable(long version, Action<Exception?> callback) =>
        _waiters.Enqueue(new Waiter(version, null, callback));

    private async Task WriteLoopAsync()
    {
        while (_unwritten.Count > 0)
        {
            TEvent[] batch = [.. _unwritten];
            _unwritten.Clear();
            var expected = ConfirmedVersion;
            var target = expected + batch.Length;
            byte[][] events;
            JournalSnapshot? snapshot;
            long bytes = 0;
            try
            {
                events = new byte[batch.Length][];
                for (var i = 0; i < batch.Length; i++)
                {
                    events[i] = _serializer.Serialize(batch[i]);
                    bytes += events[i].Length;
                }

                // At this point the tentative state is exactly the state after this batch.
                snapshot = IsSnapshotDue(batch.Length, bytes)
                    ? new JournalSnapshot(target, _serializer.Serialize(TentativeState))
                    : null;
                await _storage.AppendAsync(_activation.GrainId, expected, events, snapshot, _activation.LifetimeToken);
            }
            catch (Exception exception)
            {
                Fail(exception);
                break;
            }

            try
            {
                // The confirmed state is built from the stored bytes, so it shares no object with the
                // tentative state: nothing a later request changes can leak into it.
                foreach (var stored in events)
                {
                    _grain.Apply(ConfirmedState, Read<TEvent>(stored, "event"));
                }
            }
            catch (Exception exception)
            {
                // Durable, but this activation can no longer follow its own journal: answer the
                // waiters as written, then start again from storage.
                ConfirmedVersion = target;
                Release(null);
                _unwritten.Clear();
                TentativeVersion = ConfirmedVersion;
                Release(exception);
                _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationFailed, "Applying confirmed events failed: " + exception.Message));
                break;
            }

            ConfirmedVersion = target;
            if (snapshot is not null)
            {
                _snapshotBytes = snapshot.State.Length;
                _eventsSinceSnapshot = 0;
                _bytesSinceSnapshot = 0;
            }
            else
            {
                _eventsSinceSnapshot += batch.Length;
                _bytesSinceSnapshot += bytes;
            }

            _metrics.RecordBatch(batch.Length);
            Release(null);
        }

        _writing = false;
        if (_unwritten.Count > 0)
        {
            // Raised by a reply callback after a failed write: they start a fresh write.
            _writing = true;
            StartWriteLoop();
            return;
        }

        _idle?.TrySetResult();
        _idle = null;
    }

    // A separate work item, so that the current turn can raise more events into the same write.
    private void StartWriteLoop() =>
        _activation.Scheduler.QueueWorkItem(static s => _ = ((JournalLog<TState, TEvent>)s!).WriteLoopAsync(), this);

    /// <summary>
    /// A write failed: the tentative state built on it is void. Everyone waiting on it, and every
    /// event raised on top of it, fails; the grain continues from the confirmed state. A conflict
    /// means another activation wrote, so this one must go.
    /// </summary>
    private void Fail(Exception exception)
    {
        _unwritten.Clear();
        TentativeVersion = ConfirmedVersion;
        var reason = exception is InconsistentStateException
            ? new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message)
            : (DeactivationReason?)null;
        try
        {
            TentativeState = CopyOfConfirmed();
        }
        catch (Exception copyFailure)
        {
            reason = new DeactivationReason(DeactivationReasonCode.ActivationFailed, "Restoring the confirmed state failed: " + copyFailure.Message);
        }

        Release(exception);
        if (reason is { } r)
        {
            _activation.Deactivate(r);
        }
    }

    private void Release(Exception? failure)
    {
        while (_waiters.TryPeek(out var waiter) && (failure is not null || waiter.Version <= ConfirmedVersion))
        {
            _waiters.Dequeue();
            if (waiter.Completion is { } completion)
            {
                if (failure is null)
                {
                    completion.TrySetResult();
                }
                else
                {
                    completion.TrySetException(failure);
                }
            }

            waiter.Callback?.Invoke(failure);
        }
    }

    /// <summary>
    /// A snapshot is due after SnapshotInterval events, and only once the events since the last
    /// snapshot weigh as much as that snapshot did: a large state (a hot product's holds) is then
    /// rewritten in proportion to what changed, not every N events, and replay never reads more
    /// than about twice the state's size.
    /// </summary>
    private bool IsSnapshotDue(int batchEvents, long batchBytes) =>
        _eventsSinceSnapshot + batchEvents >= _snapshotInterval
        && _bytesSinceSnapshot + batchBytes >= _snapshotBytes;

    private TState CopyOfConfirmed() => _serializer.Deserialize<TState>(_serializer.Serialize(ConfirmedState));

    private T Read<T>(byte[] bytes, string what)
    {
        try
        {
            return _serializer.Deserialize<T>(bytes);
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new CorruptStateException($"The journal {what} of {_activation.GrainId} cannot be read as {typeof(T).Name}.", exception);
        }
    }

    private readonly record struct Waiter(long Version, TaskCompletionSource? Completion, Action<Exception?>? Callback);
}
