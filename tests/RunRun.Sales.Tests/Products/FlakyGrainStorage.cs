using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Sales.Tests.Products;

/// <summary>Grain storage whose next writes fail on demand, to see what a grain does when storage is down.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _lock = new();
    private int _failures;
    private string? _failingState;

    /// <summary>Fails the next <paramref name="count"/> writes, or only those of states named <paramref name="stateName"/>.</summary>
    public void FailNextWrites(int count, string? stateName = null)
    {
        lock (_lock)
        {
            (_failures, _failingState) = (count, stateName);
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        TakeFailure(stateName)
            ? Task.FromException(new IOException("Storage is down (injected)."))
            : inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    private bool TakeFailure(string stateName)
    {
        lock (_lock)
        {
            if (_failures == 0 || (_failingState is not null && _failingState != stateName))
            {
                return false;
            }

            _failures--;
            return true;
        }
    }
}
