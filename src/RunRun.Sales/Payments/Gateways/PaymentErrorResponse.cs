namespace RunRun.Sales.Payments.Gateways;

/// <summary>An unsuccessful answer: one of <see cref="PaymentGatewayCodes"/> and a human-readable message.</summary>
internal sealed record PaymentErrorResponse(string? Code, string? Message);
