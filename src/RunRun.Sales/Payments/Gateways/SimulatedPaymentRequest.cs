namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// A call the <see cref="PaymentSimulator"/> received, without its answer. Two calls under one
/// idempotency key must be equal requests; a cancellation's reason is not compared, as it only
/// describes the request.
/// </summary>
public sealed record SimulatedPaymentRequest(
    PaymentOperation Operation,
    string PaymentKey,
    string? OrderId,
    Money? Amount,
    string IdempotencyKey);
