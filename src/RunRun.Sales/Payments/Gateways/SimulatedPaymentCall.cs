namespace RunRun.Sales.Payments.Gateways;

/// <summary>One answered call in the <see cref="PaymentSimulator.Log"/>.</summary>
/// <param name="At">When the simulator answered.</param>
/// <param name="Request">What was asked.</param>
/// <param name="Result">What the simulator answered.</param>
/// <param name="Replayed">True when the answer was the stored one of an earlier call with the same idempotency key.</param>
public sealed record SimulatedPaymentCall(DateTimeOffset At, SimulatedPaymentRequest Request, GatewayResult Result, bool Replayed);
