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
}

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
