using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunRun.Actors.Testing;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments;

/// <summary>The silo's simulator, except that look-ups of an order's payment fail while told to: a gateway that charges but cannot say so.</summary>
internal sealed class LookupSwitchGateway(PaymentSimulator inner) : IPaymentGateway
{
    public volatile bool LookupsFail;

    public PaymentSimulator Simulator => inner;

    /// <summary>
    /// Puts one of these, and the simulator behind it, in every silo of the cluster: a silo restarted
    /// mid-test still finds the charges made before, as it would at a real provider.
    /// </summary>
    public static void Install(TestClusterBuilder builder)
    {
        var gateway = new LookupSwitchGateway(Gateways.Simulators.Create());
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

    public Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken) =>
        inner.CancelAsync(cancellation, cancellationToken);

    public Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken) => LookupsFail
        ? Task.FromResult(new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.ProviderBusy, Message: "Look-ups are down (test)."))
        : inner.FindByOrderAsync(orderId, cancellationToken);
}
