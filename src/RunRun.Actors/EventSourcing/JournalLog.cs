using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Runtime;
using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;

namespace RunRun.Actors.EventSourcing;

/// <summary>
/// The journal of one activation. Runs only on the activation's scheduler. Events raised while a
/// write is being prepared go out together in one append (group commit). Up to
/// <see cref="JournalOptions.MaxWritesInFlight"/> appends may be on their way to storage at once,
/// each expecting the version the one before it ends at, so a burst of requests need not wait for
/// the previous write to come back before its own starts. Writes are confirmed strictly in order;
/// storage applies appends in the order they were made and checks the version each expects, so a
/// write after a failed one fails too, and the activation goes on from its confirmed state.
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
    private readonly int _maxInFlight;
    // Each event raised and not yet handed to storage, as raised and as serialized.
    private readonly List<(TEvent Raised, byte[] Bytes)> _unwritten = [];
    private readonly Queue<PendingWrite> _inFlight = new();
    private readonly Queue<Waiter> _waiters = new();
    private TaskCompletionSource? _idle;
    private long _submittedVersion;
    private bool _submitScheduled;
    private bool _draining;

    // Set when confirmed events could not be applied: the activation drains what is in flight and goes.
    private Exception? _broken;

    // Snapshot pacing: events and event bytes handed to storage since the last snapshot, and that snapshot's size.
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
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JournalOptions>>().Value;
        _snapshotInterval = options.SnapshotInterval;
        _maxInFlight = options.MaxWritesInFlight;
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

        ConfirmedVersion = TentativeVersion = _submittedVersion = stored.Version;
        TentativeState = CopyOfConfirmed();
    }

    public Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        if (IsIdle)
        {
            return Task.CompletedTask;
        }

        _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _idle.Task.WaitAsync(cancellationToken);
    }

    private bool IsIdle => _inFlight.Count == 0 && _unwritten.Count == 0 && !_submitScheduled;

    public void Raise(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);

        // Serialized first: an event that cannot be written throws here, in the turn that raised
        // it, and changes nothing, rather than failing a write that carries other requests' events.
        var bytes = _serializer.Serialize(@event);
        _grain.Apply(TentativeState, @event);
        _unwritten.Add((@event, bytes));
        TentativeVersion++;
        if (!_submitScheduled)
        {
            // A separate work item, so that the current turn can raise more events into the same write.
            _submitScheduled = true;
            _activation.Scheduler.QueueWorkItem(static s => ((JournalLog<TState, TEvent>)s!).SubmitScheduled(), this);
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

    private void SubmitScheduled()
    {
        _submitScheduled = false;
        Submit();
    }

    /// <summary>
    /// Hands the unwritten events to storage as one append when a write slot is free, and makes sure
    /// the writes in flight are being confirmed. Writes still in flight after a failure are bound to
    /// fail as well, so nothing new goes out until they have.
    /// </summary>
    private void Submit()
    {
        if (_broken is { } broken)
        {
            // Nothing more goes out; once the writes in flight are answered, the rest fails.
            if (_inFlight.Count == 0)
            {
                _unwritten.Clear();
                TentativeVersion = ConfirmedVersion;
                Release(broken);
            }
        }
        else if (_unwritten.Count > 0 && _inFlight.Count < _maxInFlight && !(_inFlight.TryPeek(out var head) && head.Doomed))
        {
            StartWrite();
        }

        if (_inFlight.Count > 0)
        {
            if (!_draining)
            {
                _draining = true;
                _ = DrainAsync();
            }
        }
        else if (IsIdle)
        {
            _idle?.TrySetResult();
            _idle = null;
        }
    }

    private void StartWrite()
    {
        var events = new byte[_unwritten.Count][];
        var raised = new TEvent[_unwritten.Count];
        long bytes = 0;
        for (var i = 0; i < events.Length; i++)
        {
            (raised[i], events[i]) = _unwritten[i];
            bytes += events[i].Length;
        }

        _unwritten.Clear();
        var expected = _submittedVersion;
        var target = expected + events.Length;

        // Every raised event is in this write, so the tentative state is exactly the state after it.
        var snapshot = IsSnapshotDue(events.Length, bytes) ? TrySnapshot(target) : null;
        if (snapshot is not null)
        {
            _snapshotBytes = snapshot.State.Length;
            _eventsSinceSnapshot = 0;
            _bytesSinceSnapshot = 0;
        }
        else
        {
            _eventsSinceSnapshot += events.Length;
            _bytesSinceSnapshot += bytes;
        }

        Task append;
        try
        {
            append = _storage.AppendAsync(_activation.GrainId, expected, events, snapshot, _activation.LifetimeToken);
        }
        catch (Exception exception)
        {
            append = Task.FromException(exception);
        }

        _submittedVersion = target;
        _inFlight.Enqueue(new PendingWrite(events, raised, target, append));
    }

    /// <summary>A snapshot is an optimisation: one that cannot be taken is skipped, and the events alone are written.</summary>
    private JournalSnapshot? TrySnapshot(long version)
    {
        try
        {
            return new JournalSnapshot(version, _serializer.Serialize(TentativeState));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Waits for the oldest write in flight, confirms it, and carries on while writes remain.</summary>
    private async Task DrainAsync()
    {
        while (_inFlight.TryPeek(out var head))
        {
            Exception? failure = null;
            try
            {
                await head.Append;
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            _inFlight.Dequeue();
            if (head.Doomed)
            {
                if (failure is null)
                {
                    // Storage took a write whose predecessor failed: this activation no longer knows its journal.
                    _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, "A journal write after a failed one was stored."));
                }
            }
            else if (failure is not null)
            {
                Fail(failure);
            }
            else
            {
                Confirm(head);
            }

            Submit();
        }

        _draining = false;
        Submit();
    }

    private void Confirm(PendingWrite write)
    {
        if (_broken is null)
        {
            try
            {
                // An event of an [Immutable] type is applied as raised, as Orleans applies one event to
                // both of its views; any other is read back from its stored bytes, so the confirmed
                // state shares no mutable object with the tentative one and nothing a later request
                // changes can leak into it.
                for (var i = 0; i < write.Events.Length; i++)
                {
                    var raised = write.Raised[i];
                    _grain.Apply(ConfirmedState, ImmutableTypes.IsImmutable(raised.GetType()) ? raised : Read<TEvent>(write.Events[i], "event"));
                }
            }
            catch (Exception exception)
            {
                // Durable, but this activation can no longer follow its own journal: writes in flight
                // are answered as they land, events not yet handed to storage fail, and it starts
                // again from storage.
                _broken = exception;
                _unwritten.Clear();
                TentativeVersion = _submittedVersion;
                _activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationFailed, "Applying confirmed events failed: " + exception.Message));
            }
        }

        ConfirmedVersion = write.Target;
        _metrics.RecordBatch(write.Events.Length);
        Release(null);
    }

    /// <summary>
    /// A write failed: the tentative state built on it is void. Everyone waiting on it, and every
    /// event raised on top of it, fails; the grain continues from the confirmed state. A conflict
    /// means another activation wrote, so this one must go.
    /// </summary>
    private void Fail(Exception exception)
    {
        _unwritten.Clear();
        foreach (var write in _inFlight)
        {
            write.Doomed = true;
        }

        TentativeVersion = _submittedVersion = ConfirmedVersion;
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

    /// <summary>An append handed to storage and not yet confirmed.</summary>
    private sealed class PendingWrite(byte[][] events, TEvent[] raised, long target, Task append)
    {
        public byte[][] Events => events;

        /// <summary>The events as raised, in the order of <see cref="Events"/>.</summary>
        public TEvent[] Raised => raised;

        public long Target => target;

        public Task Append => append;

        /// <summary>An earlier write failed, so this one must fail too; its waiters have been answered already.</summary>
        public bool Doomed { get; set; }
    }
}
