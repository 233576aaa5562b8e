using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Payments;

/// <summary>Charge one order's payment through the gateway.</summary>
[Immutable]
public sealed record ChargeRequest(string OrderId, string PaymentKey, Money Amount, string IdempotencyKey);

public enum ChargeStatus
{
    Approved,
    Declined,
    Failed,
}

[Immutable]
public sealed record ChargeOutcome(ChargeStatus Status, string? TransactionId, string? Code, string? Message, int GatewayCalls);

public enum RefundStatus
{
    Refunded,
    NothingToRefund,
    Failed,
}

[Immutable]
public sealed record RefundOutcome(RefundStatus Status, string? Message);

/// <summary>
/// One order's payment, keyed by order id. It approves at most one charge per order, however often
/// or concurrently it is asked, and refunds that charge on request.
/// </summary>
public interface IPaymentGrain : IGrainWithStringKey
{
    Task<ChargeOutcome> Charge(ChargeRequest request);

    Task<RefundOutcome> Refund(string reason);

    [ReadOnly]
    Task<ChargeOutcome?> GetApprovedCharge();
}
