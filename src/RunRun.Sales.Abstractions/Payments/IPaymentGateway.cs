namespace RunRun.Sales.Payments;

/// <summary>
/// A payment gateway in the Toss Payments style: confirm a payment the shopper authorised with a
/// payment key, or cancel (refund) it. Every call carries an idempotency key, so a retried call
/// never charges twice.
/// </summary>
public interface IPaymentGateway
{
    Task<GatewayResult> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken);

    Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken);

    /// <summary>
    /// The payment the gateway holds for an order, if any. It is how a confirmation whose answer was
    /// lost (a timeout, a broken connection) is found: the provider may have charged the shopper.
    /// </summary>
    Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken);
}

public enum PaymentLookupStatus
{
    /// <summary>The order has a confirmed payment that stands.</summary>
    Approved,

    /// <summary>The order's payment was confirmed and then cancelled (refunded).</summary>
    Canceled,

    /// <summary>The gateway holds no payment for the order.</summary>
    NotFound,

    /// <summary>The gateway could not say (unreachable, timed out, failed): the payment is still in doubt.</summary>
    Failed,
}

/// <summary>What the gateway knows of an order's payment; the key and transaction are set when it has one.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record PaymentLookup(
    PaymentLookupStatus Status, string? PaymentKey = null, string? TransactionId = null, string? Code = null, string? Message = null);

/// <summary>Confirm the payment <paramref name="PaymentKey"/> of <paramref name="Amount"/> for an order.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record PaymentConfirmation(string PaymentKey, string OrderId, Money Amount, string IdempotencyKey);

/// <summary>Cancel (refund) a confirmed payment.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record PaymentCancellation(string PaymentKey, string Reason, string IdempotencyKey);

public enum GatewayResultKind
{
    Approved,

    /// <summary>The shopper's fault (insufficient funds, card refused): not retried, not a system failure.</summary>
    Declined,

    /// <summary>Worth retrying (gateway busy, network blip).</summary>
    TransientFailure,

    /// <summary>The payment system failed and retrying will not help.</summary>
    Failed,
}

/// <summary>What the gateway answered.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record GatewayResult(GatewayResultKind Kind, string? TransactionId = null, string? Code = null, string? Message = null);
