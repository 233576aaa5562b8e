using RunRun.Sales.Orders;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Orders;

/// <summary>A sale's per-order grains leave memory soon after their last call and come back intact.</summary>
public sealed class GrainLifetimeTests
{
    private static async Task<SalesCluster> WithPlacedOrderAsync(int quantity, Action<RunRun.Actors.Testing.TestClusterBuilder>? configure = null)
    {
        var sales = await SalesCluster.StartAsync(configure);
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        (await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", quantity)], "k"))).Status.ShouldBe(PlaceStatus.Placed);
        return sales;
    }

    [Fact]
    public async Task PaidOrder_IdleForThreeMinutes_OrderPaymentAndShopperCollectedAndReadBackPaid()
    {
        await using var sales = await WithPlacedOrderAsync(quantity: 1);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);
        var active = sales.Cluster.Primary.Silo.ActivationCount;

        await sales.AdvanceMinutesAsync(3);

        await SalesCluster.Eventually(
            () => Task.FromResult(sales.Cluster.Primary.Silo.ActivationCount == active - 3), "the order, its payment and its shopper to be collected");
        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Paid);
        (await sales.Grains.GetGrain<IShopperGrain>("s1").ListOrders(1, 10)).OrderIds.ShouldBe(["o1"]);
    }

    [Fact]
    public async Task UnpaidOrder_CollectedWhileItWaits_StillExpiresAtItsDeadline()
    {
        await using var sales = await WithPlacedOrderAsync(quantity: 2);
        var active = sales.Cluster.Primary.Silo.ActivationCount;

        await sales.AdvanceMinutesAsync(3);
        await SalesCluster.Eventually(
            () => Task.FromResult(sales.Cluster.Primary.Silo.ActivationCount == active - 2), "the order and its shopper to be collected");
        await sales.AdvanceMinutesAsync(8);

        await SalesCluster.Eventually(async () => (await sales.Order("o1").Get())!.State == OrderState.Expired, "the expiry reminder to end the order");
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task RefusedPlacement_NothingHeld_OrderLeavesMemoryAtOnceAndAnswersTheSameAgain()
    {
        await using var sales = await WithPlacedOrderAsync(quantity: 10);
        var active = sales.Cluster.Primary.Silo.ActivationCount;

        var refused = await sales.Order("o2").Place(new PlaceOrderRequest("s2", [new OrderLine("p", 1)], "k"));

        refused.Rejections.ShouldHaveSingleItem().Outcome.Status.ShouldBe(ReserveStatus.SoldOut);
        await SalesCluster.Eventually(
            () => Task.FromResult(sales.Cluster.Primary.Silo.ActivationCount == active), "the refused order to leave memory without waiting for its collection age");
        (await sales.Order("o2").Place(new PlaceOrderRequest("s2", [new OrderLine("p", 1)], "k"))).Rejections
            .ShouldHaveSingleItem().Outcome.Status.ShouldBe(ReserveStatus.SoldOut);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(10);
    }

    [Fact]
    public async Task MadeUpOrderIds_AskedForPaidAndCancelled_LeaveNoActivationBehind()
    {
        await using var sales = await WithPlacedOrderAsync(quantity: 1);
        var active = sales.Cluster.Primary.Silo.ActivationCount;

        (await sales.Order("made-up-1").Get()).ShouldBeNull();
        (await sales.Order("made-up-2").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.NotFound);
        (await sales.Order("made-up-3").Cancel(new Actor("s1", Roles.Shopper))).Status.ShouldBe(CancelStatus.NotFound);
        (await sales.Order("made-up-4").CheckDeadline()).ShouldBeNull();

        await SalesCluster.Eventually(
            () => Task.FromResult(sales.Cluster.Primary.Silo.ActivationCount == active), "the four unknown orders to leave memory without waiting for their collection age");
    }

    [Fact]
    public async Task ConfiguredClassAge_TakesPrecedenceOverTheGrainsOwnLimit()
    {
        await using var sales = await WithPlacedOrderAsync(quantity: 1, b => b.ConfigureSetting(
            "RunRun:Silo:Collection:ClassSpecificCollectionAge:RunRun.Sales.Orders.OrderGrain", "00:10:00"));
        var active = sales.Cluster.Primary.Silo.ActivationCount;

        await sales.AdvanceMinutesAsync(3);

        await SalesCluster.Eventually(
            () => Task.FromResult(sales.Cluster.Primary.Silo.ActivationCount == active - 1), "the shopper, and only the shopper, to be collected");
        await Task.Delay(100);
        sales.Cluster.Primary.Silo.ActivationCount.ShouldBe(active - 1, "the order keeps its configured ten minutes");
    }
}
