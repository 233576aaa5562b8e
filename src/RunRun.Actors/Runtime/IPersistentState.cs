namespace RunRun.Actors.Runtime;

/// <summary>A grain's durable state, with the ETag that guards against lost updates.</summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="Storage.InconsistentStateException"/> when another writer got there first.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
