using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Stock;

/// <summary>
/// The products whose checkout breaker has opened, so that monitoring asks those stock grains
/// rather than every product's. Stock grains tell it when their breaker opens; whoever reads a
/// product's breaker closed again tells it to forget that trip. It lives in memory only: a
/// breaker that opens again after the board was lost is on it again.
/// </summary>
public interface IBreakerBoardGrain : IGrainWithStringKey
{
    /// <summary>The one board's key.</summary>
    const string Key = "breakers";

    [OneWay]
    Task Tripped(string productId);

    /// <summary>Forgets the product if its breaker has not opened again since <paramref name="trip"/> was read.</summary>
    [OneWay]
    Task Forget(string productId, int trip);

    [ReadOnly]
    Task<IReadOnlyList<BreakerTrip>> GetTripped();
}

/// <summary>A product on the breaker board, and how often its breaker opened since it was put there.</summary>
[Immutable]
public sealed record BreakerTrip(string ProductId, int Trip);
