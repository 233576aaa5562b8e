using Microsoft.Extensions.Logging;

namespace RunRun.Sales.Payments.Gateways;

internal static partial class PaymentGatewayLog
{
    [LoggerMessage(1, LogLevel.Debug, "Simulated {Operation} of payment {PaymentKey} under idempotency key {IdempotencyKey}: {Kind} {Code} (replayed: {Replayed}).")]
    public static partial void Simulated(
        ILogger logger, PaymentOperation operation, string paymentKey, string idempotencyKey, GatewayResultKind kind, string? code, bool replayed);

    [LoggerMessage(2, LogLevel.Information, "Payment provider declined {Operation} of payment {PaymentKey}: HTTP {StatusCode}, {Code}.")]
    public static partial void Declined(ILogger logger, PaymentOperation operation, string paymentKey, int statusCode, string? code);

    [LoggerMessage(3, LogLevel.Warning, "Payment provider failed {Operation} of payment {PaymentKey}: HTTP {StatusCode}, {Code}, taken as {Kind}.")]
    public static partial void Faulted(ILogger logger, PaymentOperation operation, string paymentKey, int statusCode, string? code, GatewayResultKind kind);

    [LoggerMessage(4, LogLevel.Warning, "Payment provider did not answer {Operation} of payment {PaymentKey} within {Timeout}.")]
    public static partial void TimedOut(ILogger logger, PaymentOperation operation, string paymentKey, TimeSpan timeout);

    [LoggerMessage(5, LogLevel.Warning, "Payment provider could not be reached for {Operation} of payment {PaymentKey}.")]
    public static partial void Unreachable(ILogger logger, PaymentOperation operation, string paymentKey, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "Payment provider approved {Operation} of payment {PaymentKey} but its answer could not be read, so the transaction id is unknown.")]
    public static partial void UnreadableApproval(ILogger logger, PaymentOperation operation, string paymentKey, Exception exception);
}
