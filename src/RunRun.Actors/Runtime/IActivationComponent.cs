namespace RunRun.Actors.Runtime;

/// <summary>Part of an activation with a life of its own: persistent state, a journal.</summary>
internal interface IActivationComponent
{
    /// <summary>Runs before the grain's OnActivateAsync: reads state.</summary>
    Task OnActivateAsync(CancellationToken cancellationToken);

    /// <summary>Runs after the grain's OnDeactivateAsync: finishes writes in flight.</summary>
    Task OnDeactivateAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Holds replies back until what the grain changed is durable. The activation asks it after each
/// request; replies that observed unwritten state wait for that state's write.
/// </summary>
internal interface IDurabilityBarrier
{
    /// <summary>True, with the version to wait for, when there is state not yet durable.</summary>
    bool TryGetPendingVersion(out long version);

    /// <summary>Calls <paramref name="callback"/> on the activation once <paramref name="version"/> is durable (null) or lost (the error).</summary>
    void WhenDurable(long version, Action<Exception?> callback);
}
