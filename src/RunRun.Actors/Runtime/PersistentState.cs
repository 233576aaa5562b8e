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

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        using var linked = Link(cancellationToken, out var token);
        await storage.ReadStateAsync(stateName, activation.GrainId, this, token);
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        using var linked = Link(cancellationToken, out var token);
        try
        {
            // Nothing after the write touches the grain (Deactivate takes the activation's lock), so
            // it need not wait for a turn on the grain's scheduler; the grain's own await goes back there.
            await storage.WriteStateAsync(stateName, activation.GrainId, this, token).ConfigureAwait(false);
        }
        catch (InconsistentStateException exception)
        {
            activation.Deactivate(new DeactivationReason(DeactivationReasonCode.InconsistentState, exception.Message));
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        using var linked = Link(cancellationToken, out var token);
        try
        {
            await storage.ClearStateAsync(stateName, activation.GrainId, this, token);
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

    // Storage work stops when the caller cancels or the silo dies, whichever comes first. Most
    // callers pass no token, and activation passes the silo's own: either way that token does
    // without a linked source, which every new activation would otherwise allocate.
    private CancellationTokenSource? Link(CancellationToken cancellationToken, out CancellationToken token)
    {
        if (!cancellationToken.CanBeCanceled || cancellationToken == activation.LifetimeToken)
        {
            token = activation.LifetimeToken;
            return null;
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, activation.LifetimeToken);
        token = linked.Token;
        return linked;
    }
}
