namespace RunRun.Sales.Stock;

/// <summary>The answers of Reserve, in the order the stock grain checks them.</summary>
public enum ReserveStatus
{
    Reserved,

    /// <summary>The product's breaker is open: try again after <see cref="ReserveOutcome.RetryAfter"/>.</summary>
    Unavailable,

    /// <summary>Outside the sale window: <see cref="ReserveOutcome.OpensAt"/> says when it opens (null: closed for good).</summary>
    NotOnSale,

    Invalid,
    LimitExceeded,
    SoldOut,

    /// <summary>Fewer left than asked: <see cref="ReserveOutcome.Available"/> says how many.</summary>
    Insufficient,
}

/// <summary>A reservation's outcome: an expected result, not an exception.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ReserveOutcome(ReserveStatus Status)
{
    public int Quantity { get; init; }

    public long Available { get; init; }

    public DateTimeOffset? OpensAt { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? Reason { get; init; }

    /// <summary>The unit price the reservation was made at (set when reserved).</summary>
    public Money? UnitPrice { get; init; }

    public bool IsReserved => Status == ReserveStatus.Reserved;

    /// <summary>The answer for a product that does not exist, whoever finds out: its stock grain, or an order checking terms first.</summary>
    public static ReserveOutcome UnknownProduct(string productId) =>
        new(ReserveStatus.Invalid) { Reason = $"Product '{productId}' does not exist." };
}
