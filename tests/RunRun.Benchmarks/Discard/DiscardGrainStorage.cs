using System.Globalization;
using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Benchmarks.Discard;

/// <summary>
/// Grain storage that keeps nothing, for <c>sale-discard</c>: the most placements the grains and the
/// runtime can reach when storage costs nothing. It still serializes each state it is handed, as any
/// real store must, and reads find no record, so it only suits grains that are never activated twice.
/// </summary>
internal sealed class DiscardGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private long _lastEtag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        _ = serializer.Serialize(grainState.State);
        grainState.ETag = NextEtag();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = NextEtag();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextEtag() => Interlocked.Increment(ref _lastEtag).ToString(CultureInfo.InvariantCulture);
}
