namespace RunRun.Sales.Stock;

public enum RestockStatus
{
    /// <summary>The units were added now.</summary>
    Added,

    /// <summary>The key was used before with the same quantity: nothing added again (a retry, a double click).</summary>
    Repeated,

    /// <summary>The key was used before with another quantity: nothing added.</summary>
    KeyConflict,
}

/// <summary>What a keyed restock did, and the stock after it.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record RestockOutcome(RestockStatus Status, StockSnapshot Snapshot);
