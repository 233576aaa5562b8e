using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Stock;

/// <summary>
/// The products whose checkout breaker has opened, so that monitoring asks those stock grains
/// rather than every product's. Stock grains tell it when their breaker opens; whoever reads a
/// product's breaker closed again tells it to forget the product. It lives in memory only: a
/// breaker that opens again after the board was lost is on it again.
/// </summary>
public interface IBreakerBoardGrain : IGrainWithStringKey
{
    /// <summary>The one board's key.</summary>
    const string Key = "breakers";

    [OneWay]
    Task Tripped(string productId);

    [OneWay]
    Task Forget(string productId);

    [ReadOnly]
    Task<IReadOnlyList<string>> GetTripped();
}
