using RunRun.Actors;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments;

/// <summary>
/// A confirmation the gateway approved but whose answer never came back (with no retries left):
/// the shopper is charged, so the order must neither expire into a sale of nothing nor take a second charge.
/// </summary>
public sealed class LostApprovalTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    private static async Task<SalesCluster> WithLostApprovalAsync(Action<RunRun.Actors.Testing.TestClusterBuilder>? configure = null)
    {
        var sales = await SalesCluster.StartAsync(b =>
        {
            b.ConfigureSetting("RunRun:Sales:Payments:MaxRetries", "0");
            configure?.Invoke(b);
        });
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        (await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 2)], "k"))).Status.ShouldBe(PlaceStatus.Placed);

        var lost = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-lost-1", "pay-1")), Step);

        lost.Status.ShouldBe(PayStatus.Failed);
        lost.Code.ShouldBe("payment_timeout");
        lost.Order!.State.ShouldBe(OrderState.AwaitingPayment);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1, "the gateway charged; only its answer was lost");
        return sales;
    }

    /// <summary>
    /// Moves time on one reconcile period, so the abandoned payment's reminder ticks once the gateway can
    /// answer, then waits in real time for that tick's look-up and refund: they run on other threads,
    /// and on a loaded machine a few milliseconds per fake minute were not always enough. The caller
    /// asserts what the refund left behind.
    /// </summary>
    private static async Task AdvanceUntilRefundedAsync(SalesCluster sales, PaymentSimulator simulator)
    {
        await sales.AdvanceMinutesAsync(1);
        await SalesCluster.Eventually(() => Task.FromResult(simulator.FindPayment("card-lost-1")!.IsCanceled), "the abandoned payment's reminder to refund the charge");
    }

    [Fact]
    public async Task Deadline_ApprovalWasLost_FoundAtTheGatewayAndTheOrderIsPaid()
    {
        await using var sales = await WithLostApprovalAsync();

        sales.Time.Advance(TimeSpan.FromMinutes(10));
        var order = await sales.Order("o1").CheckDeadline();

        order!.State.ShouldBe(OrderState.Paid);
        sales.Gateway.Lookups.ShouldBe(1);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
        (await sales.Grains.GetGrain<IPaymentGrain>("o1").GetApprovedCharge())!.TransactionId
            .ShouldBe(sales.Gateway.FindPayment("card-lost-1")!.TransactionId);
    }

    [Fact]
    public async Task Pay_AgainWithAnotherCardAfterALostApproval_TheFirstChargeIsTheOrdersOnly()
    {
        await using var sales = await WithLostApprovalAsync();

        var again = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-2", "pay-2"));

        again.Status.ShouldBe(PayStatus.Paid);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        sales.Gateway.FindPayment("card-ok-2").ShouldBeNull();
        (await sales.Grains.GetGrain<IPaymentGrain>("o1").GetApprovedCharge())!.TransactionId
            .ShouldBe(sales.Gateway.FindPayment("card-lost-1")!.TransactionId);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }

    [Fact]
    public async Task Cancel_AfterALostApproval_TheChargeIsRefundedAndTheStockReturns()
    {
        await using var sales = await WithLostApprovalAsync();

        var cancelled = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        cancelled.Status.ShouldBe(CancelStatus.Refunded);
        sales.Gateway.FindPayment("card-lost-1")!.IsCanceled.ShouldBeTrue();
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Deadline_GatewayCannotSay_OrderExpiresAndTheChargeIsRefundedOnceItCan()
    {
        await using var sales = await WithLostApprovalAsync(SwitchGateway.Install);
        var gateway = sales.Cluster.Primary.GetRequiredService<SwitchGateway>();
        gateway.LookupsFail = true;

        sales.Time.Advance(TimeSpan.FromMinutes(10));
        var order = await sales.Order("o1").CheckDeadline();

        // The deadline holds: the stock goes back to other shoppers at once.
        order!.State.ShouldBe(OrderState.Expired);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
        sales.Gateway.FindPayment("card-lost-1")!.IsCanceled.ShouldBeFalse();
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-3", "pay-3"))).Status.ShouldBe(PayStatus.Expired);

        // Still down a reconcile period later: nothing can be done yet, and the reminder keeps asking.
        await sales.AdvanceMinutesAsync(2);
        sales.Gateway.FindPayment("card-lost-1")!.IsCanceled.ShouldBeFalse();

        gateway.LookupsFail = false;
        await AdvanceUntilRefundedAsync(sales, sales.Gateway);

        sales.Gateway.FindPayment("card-lost-1")!.IsCanceled.ShouldBeTrue("the charge found later is refunded");
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Expired);
    }

    // The reminder is durable: the silo that abandoned the payment may be gone before the gateway can answer.
    [Fact]
    public async Task Abandoned_SiloRestartsBeforeTheGatewayCanSay_TheChargeIsStillRefunded()
    {
        await using var sales = await WithLostApprovalAsync(SwitchGateway.Install);
        var gateway = sales.Cluster.Primary.GetRequiredService<SwitchGateway>();
        gateway.LookupsFail = true;
        sales.Time.Advance(TimeSpan.FromMinutes(10));
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.Expired);

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);
        gateway.LookupsFail = false;
        await AdvanceUntilRefundedAsync(sales, gateway.Simulator);

        gateway.Simulator.FindPayment("card-lost-1")!.IsCanceled.ShouldBeTrue("the restarted silo's reminder found the charge and refunded it");
        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Expired);
    }

    // The provider may still be processing a charge it has not answered: "no payment" is final only after the in-doubt window.
    [Fact]
    public async Task Deadline_AfterASystemFailureThatChargedNothing_ExpiresAndAsksUntilTheWindowHasPassed()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));
        var failed = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-broken", "pay-1")), Step);
        failed.Status.ShouldBe(PayStatus.Failed);

        sales.Time.Advance(TimeSpan.FromMinutes(10));
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.Expired);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10, "the deadline holds while the payment is still in doubt");

        await sales.AdvanceMinutesAsync(6);

        // The tick past the window is delivered on its own thread: wait for its decision (the reminder
        // gone) before counting, or a late tick would count as one after the window.
        var payment = sales.Grains.GetGrain<IPaymentGrain>("o1").GetGrainId();
        await SalesCluster.Eventually(
            async () => await sales.Cluster.ReminderTable.ReadRowAsync(payment, "abandoned", CancellationToken.None) is null, "the abandoned payment's reminder to stop");
        var lookups = sales.Gateway.Lookups;
        lookups.ShouldBeGreaterThan(1, "the abandoned payment kept asking within the window");
        await sales.AdvanceMinutesAsync(3);

        sales.Gateway.Lookups.ShouldBe(lookups, "past the window, \"no payment\" was final and the reminder stopped");
        sales.Gateway.ApprovedCharges("o1").ShouldBe(0);
    }

    // A silo that dies while the gateway charges must not leave a charge that nobody looks for.
    [Fact]
    public async Task Deadline_SiloKilledWhileTheGatewayCharged_TheChargeIsFoundAndTheOrderPaid()
    {
        await using var sales = await SalesCluster.StartAsync(b =>
        {
            b.ConfigureSetting("RunRun:Sales:Payments:MaxRetries", "0");
            SwitchGateway.Install(b);
        });
        var gateway = sales.Cluster.Primary.GetRequiredService<SwitchGateway>();
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        (await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 2)], "k"))).Status.ShouldBe(PlaceStatus.Placed);

        // The lost card's answer is held, so the payment is still waiting on the gateway when the silo dies.
        var paying = sales.Order("o1").Pay(new PayRequest("s1", "card-lost-1", "pay-1"));
        await SalesCluster.Eventually(() => Task.FromResult(gateway.Simulator.ApprovedCharges("o1") == 1), "the gateway charged");
        await sales.Cluster.KillSiloAsync(sales.Cluster.Primary);
        _ = paying.ContinueWith(static t => t.Exception, TaskScheduler.Default);
        await sales.Cluster.StartSiloAsync();

        sales.Time.Advance(TimeSpan.FromMinutes(10));
        var order = await sales.Order("o1").CheckDeadline();

        order!.State.ShouldBe(OrderState.Paid);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
        gateway.Simulator.ApprovedCharges("o1").ShouldBe(1);
    }

    // An order whose end was cut short after it abandoned its payment must never settle on that payment later.
    [Fact]
    public async Task Abandoned_OrderStillAwaitingPayment_NeverSettlesAndTheChargeIsRefunded()
    {
        await using var sales = await WithLostApprovalAsync();
        await sales.Grains.GetGrain<IPaymentGrain>("o1").Abandon("The order was cancelled before its payment could be confirmed.");

        var again = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-2", "pay-2"));
        sales.Time.Advance(TimeSpan.FromMinutes(10));
        var order = await sales.Order("o1").CheckDeadline();
        await AdvanceUntilRefundedAsync(sales, sales.Gateway);

        again.Status.ShouldNotBe(PayStatus.Paid);
        order!.State.ShouldBe(OrderState.Expired);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(0);
        sales.Gateway.FindPayment("card-lost-1")!.IsCanceled.ShouldBeTrue();
        sales.Gateway.FindPayment("card-ok-2").ShouldBeNull();
    }

    // Cancelled in the provider's console (or under another key): the money is back, so the order is refunded.
    [Fact]
    public async Task Cancel_PaidOrderAlreadyCancelledAtTheGateway_Refunded()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);
        (await sales.Gateway.CancelAsync(new PaymentCancellation("card-ok-1", "cancelled in the console", "console-1"), CancellationToken.None))
            .Kind.ShouldBe(GatewayResultKind.Approved);

        var cancelled = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        cancelled.Status.ShouldBe(CancelStatus.Refunded);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Deadline_NoChargeWasInDoubt_TheGatewayIsNotAsked()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", "pay-1"))).Status.ShouldBe(PayStatus.Declined);

        sales.Time.Advance(TimeSpan.FromMinutes(10));
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.Expired);

        sales.Gateway.Lookups.ShouldBe(0);
    }

    // The key was confirmed for another order: the shopper's to fix with a new payment, not a fault of the system.
    [Fact]
    public async Task Pay_PaymentKeySpentOnAnotherOrder_DeclinedAndTheOrderStaysPayable()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k1"));
        await sales.Order("o2").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k2"));
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);

        var reused = await sales.Order("o2").Pay(new PayRequest("s1", "card-ok-1", "pay-2"));

        reused.Status.ShouldBe(PayStatus.Declined);
        reused.Code.ShouldBe(PaymentGatewayCodes.AlreadyProcessedPayment);
        (await sales.Order("o2").Pay(new PayRequest("s1", "card-ok-2", "pay-3"))).Status.ShouldBe(PayStatus.Paid);
        sales.Gateway.ApprovedCharges("o2").ShouldBe(1);
    }
}
