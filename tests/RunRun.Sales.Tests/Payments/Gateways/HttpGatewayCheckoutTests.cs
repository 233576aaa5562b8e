using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>Orders paid and refunded through the payment grain and the HTTP gateway, against the simulator served on loopback.</summary>
public sealed class HttpGatewayCheckoutTests
{
    private static async Task<SalesCluster> StartAsync(
        SimulatorServer server, TimeSpan? gatewayTimeout = null, int maxRetries = 3, TimeSpan? retryBaseDelay = null)
    {
        var sales = await SalesCluster.StartAsync(b => b
            .ConfigureSetting("RunRun:Sales:Payments:MaxRetries", maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureSetting("RunRun:Sales:Payments:RetryBaseDelay", (retryBaseDelay ?? TimeSpan.FromMilliseconds(200)).ToString("c", System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureSilo(silo => silo.AddHttpPaymentGateway(o =>
            {
                o.BaseAddress = server.BaseAddress;
                o.SecretKey = SimulatorServer.SecretKey;
                o.Timeout = gatewayTimeout ?? o.Timeout;
            })));
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        (await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 2)], "k"))).Status.ShouldBe(PlaceStatus.Placed);
        return sales;
    }

    [Fact]
    public async Task PayThenCancel_OverHttp_ChargedOnceThenRefundedAndTheStockReturns()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var sales = await StartAsync(server);

        var paid = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"));
        var again = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-2", "pay-2"));
        var cancelled = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        paid.Status.ShouldBe(PayStatus.Paid);
        again.Status.ShouldBe(PayStatus.Paid);
        server.Simulator.FindPayment("card-ok-1")!.Amount.ShouldBe(Money.Krw(10_000));
        server.Simulator.ApprovedCharges("o1").ShouldBe(1);
        server.Simulator.Calls.ShouldBe(2, "one confirmation and one cancellation reached the provider");
        cancelled.Status.ShouldBe(CancelStatus.Refunded);
        server.Simulator.FindPayment("card-ok-1")!.IsCanceled.ShouldBeTrue();
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Pay_DeclinedOverHttp_OrderStaysPayableAndTheBreakerStaysClosed()
    {
        await using var server = await SimulatorServer.StartAsync();
        await using var sales = await StartAsync(server);

        // Nine completed checkouts first: counted as failures, the two declines below would be 2 in 11, and open it.
        await sales.Stock("p").AddStock(10);
        await sales.ConfirmSalesAsync("p", 9, "ok");
        (await sales.Order("o2").Place(new PlaceOrderRequest("s2", [new OrderLine("p", 1)], "k2"))).Status.ShouldBe(PlaceStatus.Placed);

        var declined = await sales.Order("o1").Pay(new PayRequest("s1", "card-insufficient-1", "pay-1"));
        var refused = await sales.Order("o2").Pay(new PayRequest("s2", "card-refused-1", "pay-1"));

        declined.Status.ShouldBe(PayStatus.Declined);
        declined.Code.ShouldBe(PaymentGatewayCodes.NotEnoughBalance);
        declined.Order!.State.ShouldBe(OrderState.AwaitingPayment);
        refused.Status.ShouldBe(PayStatus.Declined);
        refused.Code.ShouldBe(PaymentGatewayCodes.RejectCardPayment);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-2"))).Status.ShouldBe(PayStatus.Paid);
    }

    [Fact]
    public async Task Pay_ProviderBusyOverHttp_RetriedWithTheSameIdempotencyKeyUntilApproved()
    {
        // Each answer takes a real 250 ms, as a busy machine's loopback call might.
        await using var server = await SimulatorServer.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(250));
        await using var sales = await StartAsync(server, retryBaseDelay: TimeSpan.FromMilliseconds(10));

        // The backoff and the timeouts share the fake clock while each request takes real time. One
        // fake millisecond per step (each step waits two real ones) keeps that clock behind the real
        // one, so an attempt times out only after five real seconds in flight; steps of 100 ms timed
        // this one out (a test that failed before).
        var paid = await sales.AdvanceUntilAsync(
            sales.Order("o1").Pay(new PayRequest("s1", "card-flaky-2-a", "pay-1")), TimeSpan.FromMilliseconds(1), maxSteps: 20_000);

        paid.Status.ShouldBe(PayStatus.Paid);
        var confirmations = server.Simulator.Log.Where(c => c.Request.Operation == PaymentOperation.Confirm).ToArray();
        confirmations.Length.ShouldBe(3);
        confirmations.Select(c => c.Request.IdempotencyKey).Distinct().Count().ShouldBe(1);
        server.Simulator.ApprovedCharges("o1").ShouldBe(1);
    }

    // The provider charged, then the answer missed the gateway's timeout and no retry was left.
    [Fact]
    public async Task Deadline_ApprovalLostOnTheWire_FoundOverHttpAndTheOrderIsPaid()
    {
        await using var server = await SimulatorServer.StartAsync(o => o.SlowCardDelay = TimeSpan.FromSeconds(10));
        await using var sales = await StartAsync(server, gatewayTimeout: TimeSpan.FromSeconds(1), maxRetries: 0);

        // The gateway's timeout runs on the fake clock while the request takes real time: moved at once,
        // the clock could time the call out before the request reached the provider, and nothing would be charged.
        var paying = sales.Order("o1").Pay(new PayRequest("s1", "card-lost-1", "pay-1"));
        await SalesCluster.Eventually(() => Task.FromResult(server.Simulator.ApprovedCharges("o1") == 1), "the provider charged");
        var lost = await sales.AdvanceUntilAsync(paying, TimeSpan.FromMilliseconds(250));
        lost.Status.ShouldBe(PayStatus.Failed);
        lost.Code.ShouldBe(PaymentGatewayCodes.GatewayTimeout);
        server.Simulator.ApprovedCharges("o1").ShouldBe(1);

        // To the deadline and no further. The expiry reminder fires there and looks the payment up over
        // HTTP under the gateway's timeout on this clock; ten minutes from here would overshoot the
        // deadline by the time the payment took (over a second), and the look-up could time out within
        // the jump, before the provider could answer.
        sales.Time.SetUtcNow(lost.Order!.PaymentDeadline);
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.Paid);

        server.Simulator.Lookups.ShouldBe(1);
        (await sales.Grains.GetGrain<IPaymentGrain>("o1").GetApprovedCharge())!.TransactionId
            .ShouldBe(server.Simulator.FindPayment("card-lost-1")!.TransactionId);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }
}
