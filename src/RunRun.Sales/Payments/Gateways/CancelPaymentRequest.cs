namespace RunRun.Sales.Payments.Gateways;

/// <summary>The body of POST /v1/payments/{paymentKey}/cancel.</summary>
internal sealed record CancelPaymentRequest(string? CancelReason);
