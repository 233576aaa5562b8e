using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

internal static class Simulators
{
    public static PaymentSimulator Create(TimeProvider? timeProvider = null, Action<PaymentSimulatorOptions>? configure = null)
    {
        var options = new PaymentSimulatorOptions();
        configure?.Invoke(options);
        return new PaymentSimulator(Options.Create(options), timeProvider ?? TimeProvider.System, NullLogger<PaymentSimulator>.Instance);
    }

    public static PaymentConfirmation Confirmation(string paymentKey, string orderId = "order-1", string? idempotencyKey = null, long amount = 15_000) =>
        new(paymentKey, orderId, Money.Krw(amount), idempotencyKey ?? $"confirm-{orderId}-{paymentKey}");

    public static PaymentCancellation Cancellation(string paymentKey, string idempotencyKey = "cancel-1") =>
        new(paymentKey, "shopper cancelled", idempotencyKey);
}
