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

    /// <summary>Puts one of these in front of the silo's simulator.</summary>
    public static void Install(TestClusterBuilder builder) => builder.ConfigureSilo(silo =>
    {
        silo.Services.RemoveAll<IPaymentGateway>();
        silo.Services.AddSingleton<LookupSwitchGateway>();
        silo.Services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<LookupSwitchGateway>());
    });

    public Task<GatewayResult> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken) =>
        inner.ConfirmAsync(confirmation, cancellationToken);

    public Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken) =>
        inner.CancelAsync(cancellation, cancellationToken);

    public Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken) => LookupsFail
        ? Task.FromResult(new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.ProviderBusy, Message: "Look-ups are down (test)."))
        : inner.FindByOrderAsync(orderId, cancellationToken);
}
