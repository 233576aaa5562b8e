using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using static RunRun.Sales.Tests.Payments.Gateways.GatewayHosts;
using static RunRun.Sales.Tests.Payments.Gateways.Simulators;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>GET /v1/payments/orders/{orderId} through the HTTP gateway: how a charge whose answer was lost is found.</summary>
public sealed class HttpPaymentLookupTests
{
    [Fact]
    public async Task FindByOrderAsync_ConfirmedOrder_ApprovedWithItsKeyAndTransaction()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        var confirmed = await Gateway(host).ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);

        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        found.ShouldBe(new PaymentLookup(PaymentLookupStatus.Approved, "card-ok-1", confirmed.TransactionId));
    }

    [Fact]
    public async Task FindByOrderAsync_ApprovalLostToTheTimeout_TheLookupFindsTheCharge()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SlowCardDelay = TimeSpan.FromSeconds(10));
        using var impatient = GatewayFor(server, o => o.Timeout = TimeSpan.FromMilliseconds(200));

        // The look-up goes through a gateway with the default timeout: a loaded machine may take longer than 200 ms to answer it.
        using var host = GatewayFor(server);
        var lost = await Gateway(impatient).ConfirmAsync(Confirmation("card-lost-1"), CancellationToken.None);
        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        lost.Code.ShouldBe(PaymentGatewayCodes.GatewayTimeout);
        found.Status.ShouldBe(PaymentLookupStatus.Approved);
        found.PaymentKey.ShouldBe("card-lost-1");
        found.TransactionId.ShouldBe(server.Simulator.FindPayment("card-lost-1")!.TransactionId);
    }

    [Fact]
    public async Task FindByOrderAsync_RefundedOrder_Canceled()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        await Gateway(host).ConfirmAsync(Confirmation("card-ok-1"), CancellationToken.None);
        (await Gateway(host).CancelAsync(new PaymentCancellation("card-ok-1", "changed mind", "refund-1"), CancellationToken.None)).Kind.ShouldBe(GatewayResultKind.Approved);

        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        found.Status.ShouldBe(PaymentLookupStatus.Canceled);
        found.PaymentKey.ShouldBe("card-ok-1");
    }

    [Fact]
    public async Task FindByOrderAsync_OrderNeverCharged_NotFound()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server);
        await Gateway(host).ConfirmAsync(Confirmation("card-refused-1"), CancellationToken.None);

        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        found.Status.ShouldBe(PaymentLookupStatus.NotFound);
        found.Code.ShouldBe(PaymentGatewayCodes.NotFoundPayment);
        server.Simulator.Lookups.ShouldBe(1);
    }

    [Fact]
    public async Task FindByOrderAsync_WrongSecretKey_FailedSoThePaymentStaysInDoubt()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var host = GatewayFor(server, o => o.SecretKey = "test_sk_wrong");

        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        found.Status.ShouldBe(PaymentLookupStatus.Failed);
        found.Code.ShouldBe(PaymentGatewayCodes.UnauthorizedKey);
        server.Simulator.Lookups.ShouldBe(0);
    }

    [Fact]
    public async Task FindByOrderAsync_NoServerListening_Failed()
    {
        using var host = await GatewayForAStoppedServerAsync();

        var found = await Gateway(host).FindByOrderAsync("order-1", CancellationToken.None);

        found.Status.ShouldBe(PaymentLookupStatus.Failed);
        found.Code.ShouldBe(PaymentGatewayCodes.NetworkError);
    }
}
