using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunRun.Actors.Testing;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments;

/// <summary>The silo's simulator, except that refunds fail while told to: a provider whose cancel API is down.</summary>
internal sealed class RefundSwitchGateway(PaymentSimulator inner) : IPaymentGateway
{
    public volatile bool RefundsFail;

    private int _refusedRefunds;

    public PaymentSimulator Simulator => inner;

    /// <summary>Refunds answered with a failure, none of which reached the simulator.</summary>
    public int RefusedRefunds => Volatile.Read(ref _refusedRefunds);

    /// <summary>Puts one of these, and the simulator behind it, in every silo of the cluster.</summary>
    public static RefundSwitchGateway Install(TestClusterBuilder builder)
    {
        var gateway = new RefundSwitchGateway(Gateways.Simulators.Create());
        builder.ConfigureSilo(silo =>
        {
            silo.Services.RemoveAll<PaymentSimulator>();
            silo.Services.AddSingleton(gateway.Simulator);
            silo.Services.RemoveAll<IPaymentGateway>();
            silo.Services.AddSingleton<IPaymentGateway>(gateway);
        });
        return gateway;
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

    public Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken) =>
        inner.FindByOrderAsync(orderId, cancellationToken);
}
