namespace RunRun.Actors.Storage;

/// <summary>
/// A grain storage provider. Writes check the ETag: writing with a stale ETag throws
/// <see cref="InconsistentStateException"/> and stores nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state; when nothing is stored, leaves State as is, ETag null and RecordExists false.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Writes the state if the stored ETag equals grainState.ETag (null: nothing stored), then sets the new ETag.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    /// <summary>Removes the state under the same ETag rule; the ETag changes so stale writers still conflict.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);
}
