using RunRun.Actors;
using RunRun.Actors.Concurrency;
using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

/// <summary>
/// One product's stock, keyed by product id: the hot path of a flash sale. Reserve, Confirm and
/// Release are idempotent per order id.
/// </summary>
public interface IStockGrain : IGrainWithStringKey
{
    /// <summary>Sets the terms every reservation is checked against; the product grain calls it.</summary>
    Task Configure(SaleTerms terms);

    Task<ReserveOutcome> Reserve(ReserveRequest request);

    /// <summary>Turns the order's hold into a sale (payment approved).</summary>
    Task<HoldChange> Confirm(string orderId);

    /// <summary>Gives the order's units back: a held reservation, or a sale being refunded.</summary>
    Task<HoldChange> Release(string orderId);

    /// <summary>
    /// Gives a refunded sale's units back, once. Like <see cref="Release"/> while the hold is kept;
    /// after the sold hold was archived (OrderOptions.SoldHoldRetention) the request's shopper and
    /// quantity stand in for it, and NotFound means this product has no archived sale that large.
    /// </summary>
    Task<HoldChange> ReturnSold(SoldReturn request);

    /// <summary>Adds units; the quantity must be positive.</summary>
    Task<StockSnapshot> AddStock(long quantity);

    /// <summary>
    /// Adds units once per <paramref name="restockKey"/>: a retried or double-clicked restock must not
    /// put units on sale that the seller does not have. The product remembers its latest 100 keys;
    /// a key among them answers Repeated (same quantity) or KeyConflict (another quantity) and adds
    /// nothing. A quantity below 1, or past the product's cap, throws and leaves the key unused.
    /// </summary>
    Task<RestockOutcome> AddStockOnce(string restockKey, long quantity);

    /// <summary>An order of this product failed for a system reason (payment system error, timeout): it feeds the breaker.</summary>
    [OneWay]
    Task ReportSystemFailure(string orderId, string reason);

    [ReadOnly]
    Task<StockSnapshot> GetSnapshot();

    /// <summary>The terms reservations are checked against; null while the product does not exist.</summary>
    [ReadOnly]
    Task<SaleTerms?> GetTerms();

    /// <summary>
    /// The units available and a filter of the shoppers whose orders hold or held units (released
    /// holds until they are pruned, sold ones for good, archived or not); the filter is left out
    /// when <paramref name="knownVersion"/> is still current, so a caller that polls pays for it
    /// only after a change.
    /// </summary>
    [ReadOnly]
    Task<StockHolders> GetHolders(long knownVersion);
}
