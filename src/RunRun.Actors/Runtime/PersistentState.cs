using RunRun.Actors.Storage;

namespace RunRun.Actors.Runtime;

/// <summary>
/// The <see cref="IPersistentState{TState}"/> handed to grains. A stale write deactivates the
/// activation, so the next activation starts from what storage really holds.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, IGrainStorage storage, ActivationData activation)
    : IPersistentState<TState>, IGrainState<TState>, IActivationComponent
{
    public TState State { get; set; } = CreateDefault();

    public string? Etag => ETag;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }

    public Task OnActivateAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        storage.ReadStateAsync(stateName, activation.GrainId, this, Link(cancellationToken));

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.WriteStateAsync(stateName, activation.GrainId, this, Link(cancellationToken));
        }
        catch (InconsistentStateException exception)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearStateAsync(stateName, activation.GrainId, this, Link(cancellationToken));
            State = CreateDefault();
        }
        catch (InconsistentStateException exception)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            throw;
        }
    }

    private static TState CreateDefault() =>
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is null
            ? default!
            : Activator.CreateInstance<TState>();

    // A write is cancelled by the caller or by the silo dying, whichever comes first.
    private CancellationToken Link(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? cancellationToken : activation.LifetimeToken;
}
