using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Sales.Tests.Products;

/// <summary>Grain storage whose next writes fail on demand, to see what a grain does when storage is down.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _lock = new();
    private int _failures;

    public void FailNextWrites(int count)
    {
        lock (_lock)
        {
            _failures = count;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TakeFailure()
            ? Task.FromException(new IOException("Storage is down (injected)."))
            : inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    private bool TakeFailure()
    {
        lock (_lock)
        {
            if (_failures == 0)
            {
                return false;
            }

            _failures--;
            return true;
        }
    }
}
