using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunRun.Actors.Testing;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments;

/// <summary>
/// The silo's simulator, except for what a test switches off: look-ups of an order's payment (a
/// gateway that charges but cannot say so), or refunds (a provider whose cancel API is down).
/// </summary>
internal sealed class SwitchGateway(PaymentSimulator inner) : IPaymentGateway
{
    public volatile bool LookupsFail;

    public volatile bool RefundsFail;

    private int _refusedRefunds;

    public PaymentSimulator Simulator => inner;

    /// <summary>Refunds answered with a failure, none of which reached the simulator.</summary>
    public int RefusedRefunds => Volatile.Read(ref _refusedRefunds);

    /// <summary>
    /// Puts one of these, and the simulator behind it, in every silo of the cluster: a silo restarted
    /// mid-test still finds the charges made before, as it would at a real provider.
    /// </summary>
    public static void Install(TestClusterBuilder builder)
    {
        var gateway = new SwitchGateway(Gateways.Simulators.Create());
        builder.ConfigureSilo(silo =>
        {
            silo.Services.RemoveAll<PaymentSimulator>();
            silo.Services.AddSingleton(gateway.Simulator);
            silo.Services.RemoveAll<IPaymentGateway>();
            silo.Services.AddSingleton(gateway);
            silo.Services.AddSingleton<IPaymentGateway>(gateway);
        });
    }

    public Task<GatewayResult> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken) =>
        inner.ConfirmAsync(confirmation, cancellationToken);

    public Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken)
    {
        if (!RefundsFail)
        {
            return inner.CancelAsync(cancellation, cancellationToken);
        }

        // Not transient, so the payment grain does not retry it: the order's reminder is what tries again.
        Interlocked.Increment(ref _refusedRefunds);
        return Task.FromResult(new GatewayResult(GatewayResultKind.Failed, Code: PaymentGatewayCodes.ProviderError, Message: "Refunds are down (test)."));
    }

    public Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken) => LookupsFail
        ? Task.FromResult(new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.ProviderBusy, Message: "Look-ups are down (test)."))
        : inner.FindByOrderAsync(orderId, cancellationToken);
}
