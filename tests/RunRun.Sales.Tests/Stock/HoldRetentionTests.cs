using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class HoldRetentionTests
{
    [Fact]
    public async Task Reserve_RepeatedAfterAPriceChange_AnswersThePriceTheHoldWasTakenAt()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5, price: 10_000);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1));
        var edited = await sales.Grains.GetGrain<IProductGrain>("p").Update(
            SalesCluster.Seller, new ProductDraft("Item p", "A test product", Money.Krw(20_000), ProductKind.General, null, null, 10));
        edited.Status.ShouldBe(ProductStatus.Ok);

        var repeated = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1));
        var fresh = await sales.Stock("p").Reserve(new ReserveRequest("o2", "s2", 1));

        repeated.Status.ShouldBe(ReserveStatus.Reserved);
        repeated.UnitPrice.ShouldBe(Money.Krw(10_000));
        fresh.UnitPrice.ShouldBe(Money.Krw(20_000));
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task HoldAudit_ReleasedHold_KeptThroughItsRetentionThenPruned()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));
        (await sales.Stock("p").Release("o1")).ShouldBe(HoldChange.Applied);

        // Several audits (every 5 minutes) run inside the one-hour retention: the hold still answers for its order.
        await sales.AdvanceMinutesAsync(30);
        var withinRetention = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));
        withinRetention.Status.ShouldBe(ReserveStatus.Invalid);
        (await sales.Stock("p").Release("o1")).ShouldBe(HoldChange.AlreadyApplied);

        await sales.AdvanceMinutesAsync(40);
        await SalesCluster.Eventually(
            async () => await sales.Stock("p").Release("o1") == HoldChange.NotFound, "the released hold to be pruned");
        var afterPruning = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));

        afterPruning.Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task HoldAudit_SoldHoldPastTheRetention_IsKeptSoARefundReturnsItsUnits()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));
        await sales.Stock("p").Confirm("o1");

        await sales.AdvanceMinutesAsync(70);
        var refunded = await sales.Stock("p").Release("o1");

        refunded.ShouldBe(HoldChange.Applied);
        var snapshot = await sales.AssertBalancedAsync("p");
        snapshot.Sold.ShouldBe(0);
        snapshot.Available.ShouldBe(5);
    }

    [Fact]
    public async Task Release_ShopperGivesBackEverything_LimitCountsFromZeroAgain()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10, perShopperLimit: 2);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));
        await sales.Stock("p").Release("o1");

        var again = await sales.Stock("p").Reserve(new ReserveRequest("o2", "s1", 2));
        var over = await sales.Stock("p").Reserve(new ReserveRequest("o3", "s1", 1));

        again.Status.ShouldBe(ReserveStatus.Reserved);
        over.Status.ShouldBe(ReserveStatus.LimitExceeded);
    }
}
