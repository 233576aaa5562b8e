using RunRun.Actors.Runtime;

namespace RunRun.Actors.EventSourcing;

/// <summary>
/// A grain whose state is the fold of its events. <see cref="RaiseEvent"/> applies an event to the
/// tentative state at once; the journal writes every event raised while a write is in flight in
/// the next single write (group commit), and the runtime holds each reply until the state that
/// reply saw is durable. Subsequent requests see the tentative state.
/// </summary>
public abstract class JournaledGrain<TState, TEvent> : Grain
    where TState : class, new()
    where TEvent : notnull
{
    private readonly JournalLog<TState, TEvent> _log;

    protected JournaledGrain()
    {
        var activation = (ActivationData)GrainContext;
        _log = new JournalLog<TState, TEvent>(activation, this);
        activation.AddComponent(_log);
        activation.SetDurabilityBarrier(_log);
    }

    /// <summary>The state with every raised event applied, confirmed or not.</summary>
    protected TState State => _log.TentativeState;

    protected TState TentativeState => _log.TentativeState;

    /// <summary>The state as of the last durable event.</summary>
    protected TState ConfirmedState => _log.ConfirmedState;

    /// <summary>The number of events raised, durable or not.</summary>
    protected long Version => _log.TentativeVersion;

    protected long ConfirmedVersion => _log.ConfirmedVersion;

    protected void RaiseEvent(TEvent @event) => _log.Raise(@event);

    protected void RaiseEvents(IEnumerable<TEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var @event in events)
        {
            _log.Raise(@event);
        }
    }

    /// <summary>Completes when every event raised so far is durable; throws if their write failed.</summary>
    protected Task ConfirmEvents() => _log.ConfirmAsync();

    /// <summary>Applies one event to a state. Must be deterministic: it runs on replay too.</summary>
    protected abstract void TransitionState(TState state, TEvent change);

    internal void Apply(TState state, TEvent change) => TransitionState(state, change);
}
