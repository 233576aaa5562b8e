using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Orders;

public sealed class OrderPaymentTests
{
    private static async Task<SalesCluster> WithPlacedOrderAsync(string orderId = "o1", int quantity = 2)
    {
        var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        var placed = await sales.Order(orderId).Place(new PlaceOrderRequest("s1", [new OrderLine("p", quantity)], "k-" + orderId));
        placed.Status.ShouldBe(PlaceStatus.Placed);
        return sales;
    }

    [Fact]
    public async Task Pay_ApprovedCard_PaidAndStockSold()
    {
        await using var sales = await WithPlacedOrderAsync();

        var paid = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"));

        paid.Status.ShouldBe(PayStatus.Paid);
        paid.Order!.State.ShouldBe(OrderState.Paid);
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Reserved, snapshot.Sold).ShouldBe((0L, 2L));
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
    }

    [Fact]
    public async Task Pay_TwiceConcurrently_ChargesOnce()
    {
        await using var sales = await WithPlacedOrderAsync();

        var payments = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            sales.Order("o1").Pay(new PayRequest("s1", i % 2 == 0 ? "card-ok-a" : "card-ok-b", $"pay-{i}"))));

        payments.ShouldAllBe(p => p.Status == PayStatus.Paid);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }

    [Fact]
    public async Task Pay_AfterDeadline_RefusedWithoutGatewayCall()
    {
        await using var sales = await WithPlacedOrderAsync();
        sales.Time.Advance(TimeSpan.FromMinutes(10));

        var late = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-late"));

        late.Status.ShouldBe(PayStatus.Expired);
        sales.Gateway.Calls.ShouldBe(0);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Pay_OtherShopper_NotFoundAndNoCharge()
    {
        await using var sales = await WithPlacedOrderAsync();

        (await sales.Order("o1").Pay(new PayRequest("intruder", "card-ok", "p"))).Status.ShouldBe(PayStatus.NotFound);
        (await sales.Order("never-placed").Pay(new PayRequest("s1", "card-ok", "p"))).Status.ShouldBe(PayStatus.NotFound);
        sales.Gateway.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Pay_Declined_NotRetriedAndOrderStaysPayable()
    {
        await using var sales = await WithPlacedOrderAsync();

        var declined = await sales.Order("o1").Pay(new PayRequest("s1", "card-insufficient", "pay-1"));
        var retried = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-2"));

        declined.Status.ShouldBe(PayStatus.Declined);
        declined.Order!.PaymentAttemptsLeft.ShouldBe(4);
        sales.Gateway.Log.Count(c => c.Request.PaymentKey == "card-insufficient").ShouldBe(1);
        retried.Status.ShouldBe(PayStatus.Paid);
    }

    [Fact]
    public async Task Pay_DeclinedTooOften_AttemptsExhausted()
    {
        await using var sales = await WithPlacedOrderAsync();
        for (var i = 0; i < 5; i++)
        {
            (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", $"pay-{i}"))).Status.ShouldBe(PayStatus.Declined);
        }

        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-last"))).Status.ShouldBe(PayStatus.AttemptsExhausted);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(0);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10, "an order that can no longer be paid gives its stock back at once");
    }

    [Fact]
    public async Task Pay_TransientFailures_RetriedWithGrowingDelaysThenPaid()
    {
        await using var sales = await WithPlacedOrderAsync();

        var paid = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-flaky-2-x", "pay-1")), TimeSpan.FromMilliseconds(50));

        paid.Status.ShouldBe(PayStatus.Paid);
        var calls = sales.Gateway.Log.Where(c => c.Request.PaymentKey == "card-flaky-2-x").Select(c => c.At).ToArray();
        calls.Length.ShouldBe(3);
        var firstGap = calls[1] - calls[0];
        var secondGap = calls[2] - calls[1];
        firstGap.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        secondGap.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400));
        secondGap.ShouldBeGreaterThan(firstGap);
    }

    [Fact]
    public async Task Pay_PaymentSystemBroken_FailedOrderStaysPayableAndBreakerIsFed()
    {
        await using var sales = await WithPlacedOrderAsync();

        var failed = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-broken", "pay-1")), TimeSpan.FromMilliseconds(50));

        failed.Status.ShouldBe(PayStatus.Failed);
        failed.Order!.State.ShouldBe(OrderState.AwaitingPayment);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-2"))).Status.ShouldBe(PayStatus.Paid);
    }

    [Fact]
    public async Task Pay_GatewayTooSlow_TimesOutAsSystemFailure()
    {
        await using var sales = await SalesCluster.StartAsync(b => b.ConfigureSetting("RunRun:Sales:Payments:MaxRetries", "0"));
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));

        var slow = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-slow", "pay-1")), TimeSpan.FromMilliseconds(500));

        slow.Status.ShouldBe(PayStatus.Failed);
        slow.Code.ShouldBe("payment_timeout");
    }

    [Fact]
    public async Task Expiry_DeadlinePassesUnpaid_ExpiredAndStockBack()
    {
        await using var sales = await WithPlacedOrderAsync();

        sales.Time.Advance(TimeSpan.FromMinutes(11));

        await SalesCluster.Eventually(async () => (await sales.Order("o1").Get())!.State == OrderState.Expired, "expiry by reminder");
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Expiry_SiloRestartMidHold_ReminderStillFires()
    {
        await using var sales = await WithPlacedOrderAsync();
        sales.Time.Advance(TimeSpan.FromMinutes(5));

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);
        sales.Time.Advance(TimeSpan.FromMinutes(6));

        await SalesCluster.Eventually(async () => (await sales.Stock("p").GetSnapshot()).Available == 10, "stock back after the restarted silo's reminder");
        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Expired);
    }

    [Fact]
    public async Task Cancel_Unpaid_CancelledAndStockBack()
    {
        await using var sales = await WithPlacedOrderAsync();

        var cancelled = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        cancelled.Status.ShouldBe(CancelStatus.Cancelled);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "p"))).Status.ShouldBe(PayStatus.NotPayable);
        sales.Gateway.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_Paid_RefundedAndStockBack()
    {
        await using var sales = await WithPlacedOrderAsync();
        await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-1"));

        var refunded = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        refunded.Status.ShouldBe(CancelStatus.Refunded);
        refunded.Order!.State.ShouldBe(OrderState.Refunded);
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((10L, 0L));
        (await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper))).Status.ShouldBe(CancelStatus.AlreadyEnded);
    }

    [Fact]
    public async Task Cancel_OtherShopper_NotFound()
    {
        await using var sales = await WithPlacedOrderAsync();

        (await sales.Order("o1").Cancel(new Actor("intruder", Roles.Shopper))).Status.ShouldBe(CancelStatus.NotFound);
        (await sales.Order("o1").Cancel(new Actor("ops", Roles.Operator))).Status.ShouldBe(CancelStatus.Cancelled);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Pay_NoPaymentKey_InvalidWithoutGatewayCall(string paymentKey)
    {
        await using var sales = await WithPlacedOrderAsync();

        (await sales.Order("o1").Pay(new PayRequest("s1", paymentKey, "p"))).Status.ShouldBe(PayStatus.Invalid);
        sales.Gateway.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Pay_FreeOrder_PaidWithoutGatewayCall()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("gift", stock: 3, price: 0);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("gift", 1)], "k"));

        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "p"))).Status.ShouldBe(PayStatus.Paid);
        sales.Gateway.Calls.ShouldBe(0);
        (await sales.AssertBalancedAsync("gift")).Sold.ShouldBe(1);
    }

    [Fact]
    public async Task Pay_SameIdempotencyKeyAgain_SameAnswerWithoutAnotherGatewayCall()
    {
        await using var sales = await WithPlacedOrderAsync();

        var declined = await sales.Order("o1").Pay(new PayRequest("s1", "card-insufficient", "same-key"));
        var replay = await sales.Order("o1").Pay(new PayRequest("s1", "card-insufficient", "same-key"));
        sales.Gateway.Calls.ShouldBe(1);
        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);
        var afterRestart = await sales.Order("o1").Pay(new PayRequest("s1", "card-insufficient", "same-key"));

        declined.Status.ShouldBe(PayStatus.Declined);
        replay.Status.ShouldBe(PayStatus.Declined);
        afterRestart.Status.ShouldBe(PayStatus.Declined);
        sales.Gateway.Calls.ShouldBe(0, "the restarted silo's gateway was never asked: the answer came from the order's state");
        afterRestart.Order!.PaymentAttemptsLeft.ShouldBe(4);
    }

    [Fact]
    public async Task Pay_NoIdempotencyKey_Invalid()
    {
        await using var sales = await WithPlacedOrderAsync();

        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", ""))).Status.ShouldBe(PayStatus.Invalid);
        sales.Gateway.Calls.ShouldBe(0);
    }

    // Regression: past the first eviction, the newest remembered answer was the one thrown away.
    [Fact]
    public async Task Pay_ManyKeys_KeepsTheNewestAnswers()
    {
        await using var sales = await SalesCluster.StartAsync(b => b.ConfigureSetting("RunRun:Sales:Orders:MaxPaymentAttempts", "30"));
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));
        for (var i = 0; i < 22; i++)
        {
            (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", $"key-{i}"))).Status.ShouldBe(PayStatus.Declined);
        }

        var calls = sales.Gateway.Calls;
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", "key-20"))).Status.ShouldBe(PayStatus.Declined);
        sales.Gateway.Calls.ShouldBe(calls, "key-20 is among the 20 newest and is answered from the order");
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", "key-0"))).Status.ShouldBe(PayStatus.Declined);
        sales.Gateway.Calls.ShouldBe(calls + 1, "key-0 is the oldest and was forgotten");
    }
}
