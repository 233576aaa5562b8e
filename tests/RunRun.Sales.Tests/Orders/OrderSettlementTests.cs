using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Orders;

/// <summary>Review findings: money and stock must agree whatever order things happen in.</summary>
public sealed class OrderSettlementTests
{
    // Regression: a paid order used to ignore that one of its holds had been released, selling units it no longer held.
    [Fact]
    public async Task Pay_HoldReleasedMeanwhile_RefundsAndFailsInsteadOfOverselling()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("a", stock: 5);
        await sales.CreateProductAsync("b", stock: 5);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("a", 1), new OrderLine("b", 1)], "k"));
        await sales.Stock("b").Release("o1");

        var paid = await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "p1"));

        paid.Status.ShouldBe(PayStatus.Failed);
        paid.Code.ShouldBe("stock_released");
        paid.Order!.State.ShouldBe(OrderState.Failed);
        (await sales.AssertBalancedAsync("a")).Available.ShouldBe(5);
        (await sales.AssertBalancedAsync("b")).Available.ShouldBe(5);
        sales.Gateway.ApprovedCharges("o1").ShouldBe(1);
        sales.Gateway.FindPayment("card-ok-1")!.IsCanceled.ShouldBeTrue("the charge was refunded when the order failed");
    }

    // Regression: an order whose charge was approved but which never heard of it (crash, timeout) used to expire and keep the money.
    [Fact]
    public async Task Expiry_ChargeApprovedWithoutTheOrderKnowing_SettlesAsPaid()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5, price: 2_000);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 2)], "k"));
        var charge = await sales.Grains.GetGrain<IPaymentGrain>("o1").Charge(new ChargeRequest("o1", "card-ok-z", Money.Krw(4_000), "o1:card-ok-z"));
        charge.Status.ShouldBe(ChargeStatus.Approved);

        sales.Time.Advance(TimeSpan.FromMinutes(11));

        await SalesCluster.Eventually(async () => (await sales.Order("o1").Get())!.State == OrderState.Paid, "settlement as paid");
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);
    }

    [Fact]
    public async Task Reserve_SameOrderWithDifferentQuantity_Invalid()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1));

        var bigger = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 5));
        var otherShopper = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s2", 1));

        bigger.Status.ShouldBe(ReserveStatus.Invalid);
        otherShopper.Status.ShouldBe(ReserveStatus.Invalid);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(1);
    }

    // Regression: a refusal (over the limit) used to count as a successful probe and close the breaker.
    [Fact]
    public async Task Reserve_RefusalWhileHalfOpen_DoesNotCloseTheBreaker()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 100, perShopperLimit: 1);
        for (var i = 0; i < 10; i++)
        {
            await sales.Stock("p").ReportSystemFailure($"f-{i}", "payment_failed");
        }

        // Reports are one-way: this read queues behind them, so the breaker has opened when it answers.
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        sales.Time.Advance(TimeSpan.FromSeconds(30));
        var refused = await sales.Stock("p").Reserve(new ReserveRequest("too-many", "s1", 2));

        refused.Status.ShouldBe(ReserveStatus.LimitExceeded);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldNotBe(BreakerState.Closed);
        (await sales.Stock("p").Reserve(new ReserveRequest("probe", "s2", 1))).Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
    }
}
