namespace RunRun.Sales.Stock;

/// <summary>
/// A refunded order's units of one product going back on sale. The shopper and quantity stand in
/// for the hold once the stock grain has archived it, long after the sale.
/// </summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record SoldReturn(string OrderId, string ShopperId, int Quantity);
