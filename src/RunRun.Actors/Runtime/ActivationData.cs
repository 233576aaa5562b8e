using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Invocation;
using RunRun.Actors.Scheduling;
using RunRun.Actors.Storage;
using RunRun.Actors.Timers;

namespace RunRun.Actors.Runtime;

/// <summary>
/// One activation of one grain: its instance, its mailbox and its scheduler. Requests start one at
/// a time unless the class is reentrant or the method interleaves; everything that touches the
/// grain runs on <see cref="Scheduler"/>, so grain code never runs on two threads at once. Its own
/// monitor guards its state and its scheduler's queue (as in Orleans): a lock object of its own
/// would add an object to each of the millions of activations a silo may hold.
/// </summary>
internal sealed partial class ActivationData : IGrainContext
{
    [ThreadStatic]
    private static ActivationData? t_constructing;

    private static readonly Action<object?> PumpAction = static state => ((ActivationData)state!).Pump();

    private InlineQueue<Message> _waiting;
    // Created on first use: a silo may hold millions of activations, most of which never need these.
    private Queue<Message>? _interleaving;
    // An array grown one at a time: an activation has one or two components, and keeps them for life.
    private IActivationComponent[]? _components;
    private HashSet<GrainTimer>? _timers;
    private TaskCompletionSource? _deactivated;
    private bool _gone;
    private ActivationState _state = ActivationState.Created;
    private int _running;
    private int _runningWriters;
    private bool _pumpScheduled;
    // Boxed: a nullable reason would take 24 bytes in every activation, and few are ever deactivated.
    private StrongBox<DeactivationReason>? _deactivationReason;
    // UTC ticks rather than DateTimeOffset: half the size, in an object every activation has.
    private long _lastActivityTicks;
    private long _keepAliveUntilTicks;
    private IDurabilityBarrier? _durability;
    private object? _grain;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, SiloRuntime runtime)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        Runtime = runtime;
        Scheduler = new ActivationTaskScheduler(this);
        _lastActivityTicks = runtime.TimeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>The context of the grain being constructed on this thread, read by the Grain constructor.</summary>
    internal static IGrainContext? Constructing => t_constructing;

    /// <summary>The activation whose turn is running on this thread, if any.</summary>
    internal static ActivationData? Current => TaskScheduler.Current is ActivationTaskScheduler { Owner: ActivationData data } ? data : null;

    public GrainId GrainId { get; }

    public object? GrainInstance => _grain;

    public IServiceProvider ActivationServices => Runtime.Services;

    public IGrainFactory GrainFactory => Runtime;

    public GrainClassInfo ClassInfo { get; }

    public SiloRuntime Runtime { get; }

    public ActivationTaskScheduler Scheduler { get; }

    public Reminders.ReminderRegistry Reminders => Runtime.Reminders;

    /// <summary>Cancelled when the silo dies under the activation: storage calls in flight give up.</summary>
    public CancellationToken LifetimeToken => Runtime.KilledToken;

    public IPersistentState<TState> GetPersistentState<TState>(PersistentStateAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        var storage = Runtime.Services.GetKeyedService<IGrainStorage>(attribute.StorageName)
            ?? throw new MissingStorageProviderException(
                $"Grain {ClassInfo.Metadata.GrainClass.Name} asks for state '{attribute.StateName}' in storage '{attribute.StorageName}', but no grain storage of that name is registered (AddSqliteGrainStorage or AddMemoryGrainStorage).");
        var state = new PersistentState<TState>(attribute.StateName, storage, this);
        AddComponent(state);
        return state;
    }

    public void Deactivate(DeactivationReason reason)
    {
        lock (this)
        {
            if (_deactivationReason is null && _state is ActivationState.Created or ActivationState.Activating or ActivationState.Valid)
            {
                _deactivationReason = new(reason);
                SchedulePumpLocked();
            }
        }
    }

    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var now = Runtime.TimeProvider.GetUtcNow();
        _keepAliveUntilTicks = timeSpan == TimeSpan.MaxValue || timeSpan > DateTimeOffset.MaxValue - now
            ? DateTimeOffset.MaxValue.UtcTicks
            : (now + timeSpan).UtcTicks;
    }

    internal void AddComponent(IActivationComponent component) => _components = [.. _components ?? [], component];

    internal void SetDurabilityBarrier(IDurabilityBarrier barrier) => _durability = barrier;

    /// <summary>Queues a message; false when this activation is gone and the message must be routed again.</summary>
    public bool Enqueue(Message message)
    {
        lock (this)
        {
            if (_state == ActivationState.Invalid)
            {
                return false;
            }

            if (message.IsAlwaysInterleave)
            {
                (_interleaving ??= new Queue<Message>()).Enqueue(message);
            }
            else
            {
                _waiting.Enqueue(message);
            }

            SchedulePumpLocked();
            return true;
        }
    }

    /// <summary>True when the activation has had nothing to do for <paramref name="collectionAge"/>.</summary>
    public bool IsIdle(DateTimeOffset now, TimeSpan collectionAge)
    {
        lock (this)
        {
            return _state == ActivationState.Valid
                && _running == 0
                && _waiting.Count == 0
                && (_interleaving is null || _interleaving.Count == 0)
                && _deactivationReason is null
                && !ClassInfo.AlwaysActive
                && now.UtcTicks >= _keepAliveUntilTicks
                && now.UtcTicks - _lastActivityTicks >= collectionAge.Ticks;
        }
    }

    /// <summary>Deactivates gracefully and completes when the activation is gone.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        lock (this)
        {
            if (_state == ActivationState.Created)
            {
                // Never ran: nothing to unload, only messages to hand on.
                _deactivationReason = new(reason);
            }
        }

        Deactivate(reason);
        lock (this)
        {
            return _gone ? Task.CompletedTask : (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>The silo died: drop everything at once, without running grain code or finishing writes.</summary>
    public void Kill()
    {
        lock (this)
        {
            _state = ActivationState.Invalid;
            _waiting.Clear();
            _interleaving?.Clear();
        }

        DisposeTimers();
        Runtime.Catalog.Remove(this);
        MarkGone();
    }

    internal IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, state, options);
        lock (this)
        {
            (_timers ??= []).Add(timer);
        }

        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    internal void EnqueueTimerTick(GrainTimer timer) =>
        Enqueue(new Message { Id = 0, Target = GrainId, Body = new TimerTickInvokable(timer) });

    private void SchedulePumpLocked()
    {
        if (!_pumpScheduled)
        {
            _pumpScheduled = true;
            Scheduler.QueueWorkItem(PumpAction, this);
        }
    }

    /// <summary>Starts whatever may start now. Runs only on <see cref="Scheduler"/>.</summary>
    private void Pump()
    {
        // One clock read per pump, not per message: it stamps activity and checks expiry for the whole batch.
        var now = Runtime.TimeProvider.GetUtcNow();
        while (true)
        {
            Message? message = null;
            PumpStep step;
            lock (this)
            {
                _pumpScheduled = false;
                step = NextStepLocked(now, out message);
            }

            switch (step)
            {
                case PumpStep.Run:
                    RunRequest(message!, now);
                    continue;
                case PumpStep.Activate:
                    _ = ActivateAsync();
                    return;
                case PumpStep.Deactivate:
                    _ = DeactivateCoreAsync();
                    return;
                default:
                    return;
            }
        }
    }

    private PumpStep NextStepLocked(DateTimeOffset now, out Message? message)
    {
        message = null;
        switch (_state)
        {
            case ActivationState.Created:
                _state = _deactivationReason is null ? ActivationState.Activating : ActivationState.Deactivating;
                return _deactivationReason is null ? PumpStep.Activate : PumpStep.Deactivate;
            case ActivationState.Valid when _deactivationReason is not null:
                if (_running != 0)
                {
                    return PumpStep.Wait;
                }

                _state = ActivationState.Deactivating;
                return PumpStep.Deactivate;
            case ActivationState.Valid:
                return TryDequeueRunnableLocked(now, out message) ? PumpStep.Run : PumpStep.Wait;
            default:
                return PumpStep.Wait;
        }
    }

    /// <summary>
    /// Takes the next message allowed to start now. Messages start in arrival order, except that
    /// [AlwaysInterleave] messages wait in a queue of their own and go first: they are allowed at any
    /// time, so holding one behind a blocked request would only deadlock (the "release" of a gate).
    /// </summary>
    private bool TryDequeueRunnableLocked(DateTimeOffset now, out Message? message)
    {
        while (_interleaving is not null && _interleaving.TryPeek(out var next))
        {
            _interleaving.Dequeue();
            if (next.ExpiresAt > now)
            {
                return Start(next, out message);
            }
        }

        while (_waiting.TryPeek(out var next))
        {
            if (next.ExpiresAt <= now)
            {
                // Its caller has already been told it timed out; running it now would only surprise.
                _waiting.TryDequeue(out _);
                continue;
            }

            if (_running == 0 || ClassInfo.IsReentrant || (next.IsReadOnly && _runningWriters == 0))
            {
                _waiting.TryDequeue(out _);
                return Start(next, out message);
            }

            break;
        }

        message = null;
        return false;
    }

    private bool Start(Message next, out Message? message)
    {
        _running++;
        if (!next.IsReadOnly)
        {
            _runningWriters++;
        }

        message = next;
        return true;
    }

    private void RunRequest(Message message, DateTimeOffset now)
    {
        if (message.Body is not TimerTickInvokable { KeepAlive: false })
        {
            _lastActivityTicks = now.UtcTicks;
        }

        // The ValueTask is consumed exactly once: here if it is done, otherwise by the continuation.
#pragma warning disable CA2012
        // Timer ticks are the activation's own work, not calls: filters that count calls never see them.
        var filtered = (Runtime.HasIncomingFilters || _grain is IIncomingGrainCallFilter) && message.Body is not TimerTickInvokable;
        var awaiter = (filtered
            ? Runtime.InvokeWithFiltersAsync(this, message)
            : message.Body.InvokeAsync(_grain!)).GetAwaiter();
#pragma warning restore CA2012
        if (awaiter.IsCompleted)
        {
            OnRequestCompleted(message, awaiter.GetResult());
            return;
        }

        CompleteLater(message, awaiter);
    }

    // A method of its own because a lambda's captures are hoisted to the start of the method that
    // declares it: inside RunRequest every request, even one done at once, would allocate them.
    private void CompleteLater(Message message, ValueTaskAwaiter<Response> awaiter) =>
        awaiter.UnsafeOnCompleted(() =>
        {
            OnRequestCompleted(message, awaiter.GetResult());
            Pump();
        });

    private void OnRequestCompleted(Message message, Response response)
    {
        lock (this)
        {
            _running--;
            if (!message.IsReadOnly)
            {
                _runningWriters--;
            }
        }

        if (response.Exception is InconsistentStateException conflict)
        {
            Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, conflict.Message));
        }

        if (message.Completion is null)
        {
            if (response.Exception is { } error)
            {
                LogOneWayFailed(Runtime.Logger, message.Body.ToString(), GrainId, error);
            }

            return;
        }

        if (_durability is { } barrier && barrier.TryGetPendingVersion(out var version))
        {
            // Copied now, while it shows exactly the state the request saw; only the sending waits.
            SendWhenDurable(barrier, version, message, response);
            return;
        }

        Runtime.SendResponse(message, response);
    }

    // Its own method for the same reason as CompleteLater: most responses wait for nothing.
    private void SendWhenDurable(IDurabilityBarrier barrier, long version, Message message, Response response)
    {
        var held = Runtime.CopyResponse(message, response, held: true);
        barrier.WhenDurable(version, error =>
            Runtime.SendResponse(message, error is null ? held : Response.FromException(error), copied: true));
    }

    private async Task ActivateAsync()
    {
        try
        {
            t_constructing = this;
            try
            {
                _grain = ClassInfo.Metadata.Factory(Runtime.Services, this);
            }
            finally
            {
                t_constructing = null;
            }

            foreach (var component in _components ?? [])
            {
                await component.OnActivateAsync(LifetimeToken);
            }

            if (_grain is Grain grain)
            {
                await grain.OnActivateAsync(LifetimeToken);
            }

            lock (this)
            {
                if (_state == ActivationState.Activating)
                {
                    _state = ActivationState.Valid;
                }
            }
        }
        catch (Exception exception)
        {
            LogActivationFailed(Runtime.Logger, GrainId, exception);
            Message[] failed;
            lock (this)
            {
                _state = ActivationState.Invalid;
                failed = [.. _interleaving ?? [], .. _waiting.ToArray()];
                _waiting.Clear();
                _interleaving?.Clear();
            }

            DisposeTimers();
            Runtime.Catalog.Remove(this);
            MarkGone();
            foreach (var message in failed)
            {
                Runtime.SendResponse(message, Response.FromException(exception));
            }

            return;
        }

        _lastActivityTicks = Runtime.TimeProvider.GetUtcNow().UtcTicks;
        Pump();
    }

    private async Task DeactivateCoreAsync()
    {
        // Set whenever the pump chooses to deactivate.
        var reason = _deactivationReason!.Value;
        DisposeTimers();
        if (_grain is Grain grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, LifetimeToken);
            }
            catch (Exception exception)
            {
                LogDeactivationFailed(Runtime.Logger, GrainId, exception);
            }
        }

        foreach (var component in _components ?? [])
        {
            try
            {
                await component.OnDeactivateAsync(LifetimeToken);
            }
            catch (Exception exception)
            {
                LogDeactivationFailed(Runtime.Logger, GrainId, exception);
            }
        }

        Message[] waiting;
        lock (this)
        {
            _state = ActivationState.Invalid;
            waiting = [.. _interleaving ?? [], .. _waiting.ToArray()];
            _waiting.Clear();
            _interleaving?.Clear();
        }

        Runtime.Catalog.Remove(this);
        MarkGone();
        foreach (var message in waiting)
        {
            if (message.Body is not TimerTickInvokable)
            {
                Runtime.Deliver(message);
            }
        }
    }

    private void MarkGone()
    {
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _gone = true;
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (this)
        {
            timers = _timers is null ? [] : [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Deactivation of {GrainId} failed")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "One-way call {Method} on {GrainId} failed")]
    private static partial void LogOneWayFailed(ILogger logger, string method, GrainId grainId, Exception exception);

    private enum PumpStep
    {
        Wait,
        Run,
        Activate,
        Deactivate,
    }
}
