namespace RunRun.Actors.Runtime;

/// <summary>
/// The runtime side of one activation, as grains and their components see it. The runtime guards
/// the activation with this object's monitor: never lock on it, or the activation stops taking work.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    /// <summary>The grain instance; null until it has been constructed.</summary>
    object? GrainInstance { get; }

    IServiceProvider ActivationServices { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Returns the persistent state named by <paramref name="attribute"/>; it is read before OnActivateAsync.</summary>
    IPersistentState<TState> GetPersistentState<TState>(PersistentStateAttribute attribute);

    /// <summary>Deactivates the activation once its current requests have finished.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Keeps the activation from idle collection for at least <paramref name="timeSpan"/>.</summary>
    void DelayDeactivation(TimeSpan timeSpan);
}
