namespace RunRun.Sales.Stock;

/// <summary>One order line asking the stock grain to hold units for an order.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ReserveRequest(string OrderId, string ShopperId, int Quantity);
