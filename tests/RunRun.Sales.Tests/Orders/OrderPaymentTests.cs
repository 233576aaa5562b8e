using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;
using RunRun.Sales.Stock;
using RunRun.Sales.Tests.Products;

namespace RunRun.Sales.Tests.Orders;

public sealed class OrderPaymentTests
{
    private static async Task<SalesCluster> WithPlacedOrderAsync(string orderId = "o1", int quantity = 2, long stock = 10, Action<RunRun.Actors.Testing.TestClusterBuilder>? configure = null)
    {
        var sales = await SalesCluster.StartAsync(configure);
        await sales.CreateProductAsync("p", stock: stock, price: 5_000);
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
    public async Task Pay_ApprovedThenSameKeyAfterRestart_PaidFromTheOrdersStateWithoutAGatewayCall()
    {
        await using var sales = await WithPlacedOrderAsync();
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);
        var replay = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"));

        replay.Status.ShouldBe(PayStatus.Paid);
        sales.Gateway.Calls.ShouldBe(0, "the restarted silo's gateway was never asked: the paid answer was written with the order's Paid state");
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }

    // The order removes its expiry reminder by the handle it registered; a row changed since (as by
    // another silo that owned the order meanwhile) must still go, or a paid order keeps ticking.
    [Fact]
    public async Task Pay_ExpiryReminderRowChangedSinceThePlacement_RemovedAllTheSame()
    {
        await using var sales = await WithPlacedOrderAsync();
        var table = sales.Cluster.ReminderTable;
        var orderId = sales.Order("o1").GetGrainId();
        var placed = (await table.ReadRowAsync(orderId, "expiry", CancellationToken.None)).ShouldNotBeNull();
        await table.UpsertRowAsync(placed with { ETag = null }, CancellationToken.None);

        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);

        (await table.ReadRowAsync(orderId, "expiry", CancellationToken.None)).ShouldBeNull();
    }

    // The stock is confirmed before the Paid record is written, so the hold audit no longer looks at
    // the order: its expiry reminder must still be there to settle it (a removal made alongside the
    // write left it awaiting payment for ever).
    [Fact]
    public async Task Pay_PaidRecordNotWrittenAfterTheCharge_ExpiryReminderSettlesTheOrderAsPaid()
    {
        FlakyGrainStorage? storage = null;
        await using var sales = await WithPlacedOrderAsync(configure: b => b.ConfigureSilo(silo => silo.Services.AddKeyedSingleton<IGrainStorage>(
            "Default", (services, _) => storage ??= new FlakyGrainStorage(new MemoryGrainStorage(services.GetRequiredService<IGrainStorageSerializer>())))));
        storage.ShouldNotBeNull();
        storage!.FailNextWrites(1, stateName: "order");

        (await Should.ThrowAsync<RemoteGrainException>(() => sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))))
            .Message.ShouldContain("Storage is down");
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);

        await sales.AdvanceMinutesAsync(11);

        await SalesCluster.Eventually(async () => (await sales.Order("o1").Get())!.State == OrderState.Paid, "the expiry reminder to settle the order");
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
    }

    // The gateway's latency keeps the first charge in flight while the others arrive.
    private static void WithSlowGateway(RunRun.Actors.Testing.TestClusterBuilder builder) =>
        builder.ConfigureSetting("RunRun:Payments:Simulator:Latency", "00:00:00.100");

    [Fact]
    public async Task Pay_TwiceConcurrently_ChargesOnce()
    {
        await using var sales = await WithPlacedOrderAsync(configure: WithSlowGateway);

        var payments = await sales.AdvanceUntilAsync(Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            sales.Order("o1").Pay(new PayRequest("s1", i % 2 == 0 ? "card-ok-a" : "card-ok-b", $"pay-{i}")))), TimeSpan.FromMilliseconds(10));

        // The simulator itself refuses a second charge of an order, so counting approvals alone would
        // pass even if every pay reached it: only one confirmation may leave the silo.
        sales.Gateway.Log.Count(c => c.Request.Operation == PaymentOperation.Confirm).ShouldBe(1);
        sales.Gateway.Calls.ShouldBe(1);
        payments.ShouldAllBe(p => p.Status == PayStatus.Paid);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }

    // The payment grain is the last line against a double charge: the order grain may be bypassed (a
    // settlement, a retry after a crash), so the grain itself must serialise charges.
    [Fact]
    public async Task Charge_ManyAtOnceWithDifferentCards_OneGatewayCallAndOneApproval()
    {
        await using var sales = await SalesCluster.StartAsync(WithSlowGateway);
        var payment = sales.Grains.GetGrain<IPaymentGrain>("o1");

        var charges = await sales.AdvanceUntilAsync(Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            payment.Charge(new ChargeRequest("o1", $"card-ok-{i}", Money.Krw(5_000), $"o1:card-ok-{i}"))))), TimeSpan.FromMilliseconds(10));

        sales.Gateway.Calls.ShouldBe(1);
        charges.ShouldAllBe(c => c.Status == ChargeStatus.Approved);
        charges.Select(c => c.TransactionId).Distinct().Count().ShouldBe(1, "every caller is told of the one approved charge");
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        (await payment.GetApprovedCharge())!.TransactionId.ShouldBe(charges[0].TransactionId);
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

    // With jitter on, many orders failing together must not retry together, yet each still backs off
    // on the configured schedule. Polly's decorrelated jitter keeps delay n under 1.5 × base × 2^n and
    // the three delays together between 2.8 and 5.8 × base; the bounds below leave room for the fake
    // clock's steps and the scheduling between them.
    [Fact]
    public async Task Pay_TransientFailuresWithJitter_RetriedWithSpreadDelaysWithinBounds()
    {
        var baseDelay = TimeSpan.FromSeconds(1);
        await using var sales = await SalesCluster.StartAsync(b => b
            .ConfigureSetting("RunRun:Sales:Payments:UseJitter", "true")
            .ConfigureSetting("RunRun:Sales:Payments:RetryBaseDelay", baseDelay.ToString()));
        await sales.CreateProductAsync("p", stock: 100, price: 5_000);
        var orders = Enumerable.Range(0, 10).Select(i => $"o{i}").ToArray();
        foreach (var orderId in orders)
        {
            (await sales.Order(orderId).Place(new PlaceOrderRequest("s-" + orderId, [new OrderLine("p", 1)], "k-" + orderId))).Status.ShouldBe(PlaceStatus.Placed);
        }

        var paying = Task.WhenAll(orders.Select(orderId => sales.Order(orderId).Pay(new PayRequest("s-" + orderId, "card-flaky-3-" + orderId, "pay-" + orderId))));
        var paid = await sales.AdvanceUntilAsync(paying, TimeSpan.FromMilliseconds(10));

        paid.ShouldAllBe(p => p.Status == PayStatus.Paid);
        var log = sales.Gateway.Log;
        var gaps = orders.Select(orderId =>
        {
            var calls = log.Where(c => c.Request.OrderId == orderId && c.Request.Operation == PaymentOperation.Confirm).Select(c => c.At).ToArray();
            calls.Length.ShouldBe(4, $"order {orderId}: three transient failures, three retries");
            return calls.Zip(calls.Skip(1), (earlier, later) => later - earlier).ToArray();
        }).ToArray();
        foreach (var orderGaps in gaps)
        {
            for (var retry = 0; retry < orderGaps.Length; retry++)
            {
                orderGaps[retry].ShouldBeGreaterThan(TimeSpan.Zero, $"retry {retry + 1} waited");
                orderGaps[retry].ShouldBeLessThanOrEqualTo(baseDelay * 2 * Math.Pow(2, retry), $"retry {retry + 1} stays near its exponential delay");
            }

            var total = orderGaps.Aggregate(TimeSpan.Zero, (sum, gap) => sum + gap);
            total.ShouldBeGreaterThanOrEqualTo(baseDelay * 2, "the retries still back off exponentially");
            total.ShouldBeLessThanOrEqualTo(baseDelay * 7, "no longer than the un-jittered schedule of 1 + 2 + 4 × base");
        }

        // Without jitter every order's first retry would come exactly one base delay after its first call.
        var firstRetries = gaps.Select(g => g[0]).ToArray();
        (firstRetries.Max() - firstRetries.Min()).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(100), "jitter spreads the orders' retries apart");
    }

    // Nine checkouts completed before, so this one system failure is exactly the 10 % that opens the breaker.
    [Fact]
    public async Task Pay_PaymentSystemBroken_FailedOrderStaysPayableAndBreakerIsFed()
    {
        await using var sales = await WithPlacedOrderAsync(stock: 100);
        await sales.ConfirmSalesAsync("p", 9, "ok");

        var failed = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-broken", "pay-1")), TimeSpan.FromMilliseconds(50));

        failed.Status.ShouldBe(PayStatus.Failed);
        failed.Order!.State.ShouldBe(OrderState.AwaitingPayment);
        // The report is one-way but was sent before the reply, so this read queues behind it.
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-2"))).Status.ShouldBe(PayStatus.Paid);
    }

    [Fact]
    public async Task Pay_GatewayTooSlow_TimesOutAsSystemFailureAndFeedsTheBreaker()
    {
        await using var sales = await WithPlacedOrderAsync(stock: 100, configure: b => b.ConfigureSetting("RunRun:Sales:Payments:MaxRetries", "0"));
        await sales.ConfirmSalesAsync("p", 9, "ok");

        var slow = await sales.AdvanceUntilAsync(sales.Order("o1").Pay(new PayRequest("s1", "card-slow", "pay-1")), TimeSpan.FromMilliseconds(500));

        slow.Status.ShouldBe(PayStatus.Failed);
        slow.Code.ShouldBe("payment_timeout");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open, "a timeout is a system failure");
    }

    // Declines are the shoppers' cards, not the product: with nine checkouts done, one counted failure would open it.
    [Fact]
    public async Task Pay_DeclinedUpToTheAttemptLimit_NeverFeedsTheBreaker()
    {
        await using var sales = await WithPlacedOrderAsync(stock: 100);
        await sales.ConfirmSalesAsync("p", 9, "ok");
        await sales.Order("o2").Place(new PlaceOrderRequest("s2", [new OrderLine("p", 1)], "k-o2"));
        await sales.Order("o3").Place(new PlaceOrderRequest("s3", [new OrderLine("p", 1)], "k-o3"));

        for (var i = 0; i < 5; i++)
        {
            (await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", $"pay-{i}"))).Status.ShouldBe(PayStatus.Declined);
        }

        (await sales.Order("o2").Pay(new PayRequest("s2", "card-insufficient", "pay-1"))).Status.ShouldBe(PayStatus.Declined);
        (await sales.Order("o3").Pay(new PayRequest("s3", "card-unknown", "pay-1"))).Status.ShouldBe(PayStatus.Declined);

        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Failed, "the attempt limit was reached");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.Stock("p").Reserve(new ReserveRequest("next", "s9", 1))).Status.ShouldBe(ReserveStatus.Reserved);
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
    public async Task Expiry_PaymentHoldConfiguredToTwoMinutes_ExpiresThenAndNotBefore()
    {
        await using var sales = await WithPlacedOrderAsync(configure: b => b.ConfigureSetting("RunRun:Sales:Orders:PaymentHold", "00:02:00"));
        (await sales.Order("o1").Get())!.PaymentDeadline.ShouldBe(SalesCluster.Start.AddMinutes(2));

        // Asked directly, the order judges its own deadline, with no reminder tick to wait for.
        sales.Time.Advance(TimeSpan.FromSeconds(119));
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.AwaitingPayment);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);

        // The clock then stays at the deadline: only the reminder tick due there can expire the order.
        sales.Time.Advance(TimeSpan.FromSeconds(1));
        await SalesCluster.Eventually(async () => (await sales.Order("o1").Get())!.State == OrderState.Expired, "the expiry reminder at the two-minute deadline");
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
    public async Task Cancel_PaidLongerAgoThanTheSoldHoldRetention_RefundedAndStockBackOnce()
    {
        await using var sales = await WithPlacedOrderAsync(configure: b => b.ConfigureSetting("RunRun:Sales:Orders:SoldHoldRetention", "00:16:00"));
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-1"))).Status.ShouldBe(PayStatus.Paid);
        await sales.AdvanceMinutesUntilAsync(async () => await sales.Stock("p").Confirm("o1") == HoldChange.NotFound, 60, "the sold hold archived");

        var refunded = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));
        var again = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        refunded.Status.ShouldBe(CancelStatus.Refunded);
        again.Status.ShouldBe(CancelStatus.AlreadyEnded);
        sales.Gateway.FindPayment("card-ok")!.CancelTransactionId.ShouldNotBeNull();
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((10L, 0L));
    }

    [Fact]
    public async Task Cancel_Expired_AlreadyEndedWithoutGatewayCallOrStockChange()
    {
        await using var sales = await WithPlacedOrderAsync();
        sales.Time.Advance(TimeSpan.FromMinutes(10));
        (await sales.Order("o1").CheckDeadline())!.State.ShouldBe(OrderState.Expired);

        var cancelled = await WithoutGatewayCallOrStockChangeAsync(sales, () => sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper)));

        cancelled.Status.ShouldBe(CancelStatus.AlreadyEnded);
        cancelled.Order!.State.ShouldBe(OrderState.Expired);
        sales.Gateway.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_Failed_AlreadyEndedWithoutGatewayCallOrStockChange()
    {
        await using var sales = await WithPlacedOrderAsync();
        for (var i = 0; i < 5; i++)
        {
            await sales.Order("o1").Pay(new PayRequest("s1", "card-refused", $"pay-{i}"));
        }

        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Failed);

        var cancelled = await WithoutGatewayCallOrStockChangeAsync(sales, () => sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper)));

        cancelled.Status.ShouldBe(CancelStatus.AlreadyEnded);
        cancelled.Order!.State.ShouldBe(OrderState.Failed);
    }

    [Fact]
    public async Task Pay_Refunded_NotPayableWithoutGatewayCallOrStockChange()
    {
        await using var sales = await WithPlacedOrderAsync();
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);
        (await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper))).Status.ShouldBe(CancelStatus.Refunded);

        var again = await WithoutGatewayCallOrStockChangeAsync(sales, () => sales.Order("o1").Pay(new PayRequest("s1", "card-ok-2", "pay-2")));

        again.Status.ShouldBe(PayStatus.NotPayable);
        again.Order!.State.ShouldBe(OrderState.Refunded);
    }

    [Fact]
    public async Task Pay_FailedAtPlacement_NotPayableWithoutGatewayCallOrStockChange()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.CreateProductAsync("gone", stock: 0);
        var placed = await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1), new OrderLine("gone", 1)], "k"));
        placed.Order!.State.ShouldBe(OrderState.Failed);

        var paid = await WithoutGatewayCallOrStockChangeAsync(sales, () => sales.Order("o1").Pay(new PayRequest("s1", "card-ok", "pay-1")));

        paid.Status.ShouldBe(PayStatus.NotPayable);
        paid.Order!.State.ShouldBe(OrderState.Failed);
        sales.Gateway.Calls.ShouldBe(0);
    }

    /// <summary>Runs a refused request and checks it reached no gateway and changed no stock of "p".</summary>
    private static async Task<T> WithoutGatewayCallOrStockChangeAsync<T>(SalesCluster sales, Func<Task<T>> refused)
    {
        var calls = sales.Gateway.Calls;
        var stockBefore = await sales.Stock("p").GetSnapshot();

        var outcome = await refused();

        sales.Gateway.Calls.ShouldBe(calls, "a refused request reaches no gateway");
        (await sales.Stock("p").GetSnapshot()).ShouldBe(stockBefore, "a refused request changes no stock");
        return outcome;
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
