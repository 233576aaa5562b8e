using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

public enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>A product's stock at one moment: available + reserved + sold = total added, always.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record StockSnapshot(
    string ProductId,
    long TotalAdded,
    long Available,
    long Reserved,
    long Sold,
    int OpenHolds,
    BreakerState Breaker,
    SaleTerms? Terms);

/// <summary>Whether a confirm or release found the order's hold.</summary>
public enum HoldChange
{
    /// <summary>Done now.</summary>
    Applied,

    /// <summary>Already done before (idempotent repeat).</summary>
    AlreadyApplied,

    /// <summary>No hold for this order on this product.</summary>
    NotFound,

    /// <summary>The hold is in a state this change does not apply to (e.g. confirm after release).</summary>
    Conflict,
}
