namespace RunRun.Sales.Payments.Gateways;

/// <summary>The body of POST /v1/payments/confirm; the amount is in KRW, the contract's only currency.</summary>
internal sealed record ConfirmPaymentRequest(string? PaymentKey, string? OrderId, long Amount);
