using RunRun.Actors;

namespace RunRun.Sales.Stock;

/// <inheritdoc cref="IBreakerBoardGrain"/>
internal sealed class BreakerBoardGrain : Grain, IBreakerBoardGrain
{
    private readonly HashSet<string> _tripped = new(StringComparer.Ordinal);

    public Task Tripped(string productId)
    {
        _tripped.Add(productId);
        return Task.CompletedTask;
    }

    public Task Forget(string productId)
    {
        _tripped.Remove(productId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetTripped() => Task.FromResult<IReadOnlyList<string>>([.. _tripped.Order(StringComparer.Ordinal)]);
}
