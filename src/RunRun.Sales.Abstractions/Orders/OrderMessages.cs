using RunRun.Sales.Stock;

namespace RunRun.Sales.Orders;

[RunRun.Actors.Concurrency.Immutable]
public sealed record OrderLine(string ProductId, int Quantity);

/// <summary>Place an order; the same idempotency key with the same lines returns the same order.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record PlaceOrderRequest(string ShopperId, IReadOnlyList<OrderLine> Lines, string IdempotencyKey);

public enum OrderState
{
    AwaitingPayment,
    Paid,
    Cancelled,
    Refunded,
    Failed,
    Expired,
}

[RunRun.Actors.Concurrency.Immutable]
public sealed record OrderLineView(string ProductId, int Quantity, Money UnitPrice);

/// <summary>An order as its shopper sees it.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record OrderView(
    string OrderId,
    string ShopperId,
    OrderState State,
    IReadOnlyList<OrderLineView> Lines,
    Money Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset PaymentDeadline,
    int PaymentAttempts,
    int PaymentAttemptsLeft,
    string? FailureReason);

public enum PlaceStatus
{
    Placed,

    /// <summary>At least one line could not be reserved; every line that was is released again.</summary>
    Rejected,

    Invalid,

    /// <summary>The idempotency key was used before with different lines.</summary>
    IdempotencyConflict,
}

/// <summary>Why one line of a rejected order was refused.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record LineRejection(string ProductId, ReserveOutcome Outcome);

[RunRun.Actors.Concurrency.Immutable]
public sealed record PlaceOutcome(PlaceStatus Status, OrderView? Order, IReadOnlyList<LineRejection> Rejections, IReadOnlyList<FieldError> Errors);

/// <summary>Pay an order with a payment key the shopper authorised at the gateway.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record PayRequest(string ShopperId, string PaymentKey, string IdempotencyKey);

public enum PayStatus
{
    Paid,
    Declined,
    Failed,
    Expired,

    /// <summary>Cancelled, failed or refunded: nothing to pay.</summary>
    NotPayable,

    AttemptsExhausted,
    NotFound,

    /// <summary>The payment request itself was malformed (e.g. no payment key); nothing was charged.</summary>
    Invalid,
}

[RunRun.Actors.Concurrency.Immutable]
public sealed record PayOutcome(PayStatus Status, OrderView? Order, string? Code = null, string? Message = null);

public enum CancelStatus
{
    Cancelled,
    Refunded,
    AlreadyEnded,
    NotFound,
    Failed,
}

[RunRun.Actors.Concurrency.Immutable]
public sealed record CancelOutcome(CancelStatus Status, OrderView? Order, string? Message = null);
