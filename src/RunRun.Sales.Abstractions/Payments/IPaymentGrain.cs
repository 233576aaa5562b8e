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

    /// <summary>
    /// Whether the order has an approved charge. When an earlier charge's answer was lost, this asks
    /// the gateway, and an approval it finds becomes this order's one charge. An abandoned payment
    /// answers <see cref="PaymentStandingStatus.Abandoned"/> whatever it found since.
    /// </summary>
    Task<PaymentStanding> Reconcile();

    /// <summary>
    /// The order ends without this payment settling: no charge may stand. It only records that and
    /// registers a durable reminder, so it stays quick while the gateway is slow; the reminder asks
    /// the gateway until it can say, and refunds a charge it finds. No new charge is taken.
    /// </summary>
    Task Abandon(string reason);
}

public enum PaymentStandingStatus
{
    /// <summary>No charge was approved.</summary>
    None,

    /// <summary>A charge was approved; see <see cref="PaymentStanding.Approved"/>.</summary>
    Approved,

    /// <summary>A charge's answer was lost and the gateway cannot say yet whether it was approved.</summary>
    Unknown,

    /// <summary>The order ended unsettled (see <see cref="IPaymentGrain.Abandon"/>): nothing may settle it now.</summary>
    Abandoned,
}

[Immutable]
public sealed record PaymentStanding(PaymentStandingStatus Status, ChargeOutcome? Approved = null);
