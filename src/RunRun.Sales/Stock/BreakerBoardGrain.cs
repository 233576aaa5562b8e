using RunRun.Actors;

namespace RunRun.Sales.Stock;

/// <inheritdoc cref="IBreakerBoardGrain"/>
internal sealed class BreakerBoardGrain : Grain, IBreakerBoardGrain
{
    private readonly Dictionary<string, int> _trips = new(StringComparer.Ordinal);

    public Task Tripped(string productId)
    {
        _trips[productId] = _trips.GetValueOrDefault(productId) + 1;
        return Task.CompletedTask;
    }

    public Task Forget(string productId, int trip)
    {
        // A trip newer than the one read closed means the breaker opened again in between: keep it.
        if (_trips.TryGetValue(productId, out var latest) && latest == trip)
        {
            _trips.Remove(productId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BreakerTrip>> GetTripped() => Task.FromResult<IReadOnlyList<BreakerTrip>>(
        [.. _trips.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => new BreakerTrip(entry.Key, entry.Value))]);
}
