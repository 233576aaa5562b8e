using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

/// <summary>The filter of holders an API replica uses to send a sold-out product's holders, and their retries, to the grains.</summary>
public sealed class StockHoldersTests
{
    [Fact]
    public void ShopperFilter_TenThousandIds_NoneMissedAboutOnePercentFalse()
    {
        var held = Enumerable.Range(0, 10_000).Select(i => $"shopper-{i:x8}@example.com").ToList();

        var filter = ShopperFilter.Of(held, held.Count);

        held.ShouldAllBe(id => filter.MightContain(id));
        var falsePositives = Enumerable.Range(10_000, 100_000).Count(i => filter.MightContain($"shopper-{i:x8}@example.com"));
        falsePositives.ShouldBeLessThan(2_000, "about 1 % of 100,000 ids never added");
    }

    [Fact]
    public void ShopperFilter_Empty_ContainsNothing()
    {
        var filter = ShopperFilter.Of([], 0);

        Enumerable.Range(0, 1_000).ShouldAllBe(i => !filter.MightContain($"s-{i}"));
    }

    [Fact]
    public async Task GetHolders_KnownVersion_LeavesTheFilterOutUntilTheNextEvent()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 2);
        var stock = sales.Stock("p");
        await stock.Reserve(new ReserveRequest("o1", "s1", 1));
        await stock.Reserve(new ReserveRequest("o2", "s2", 1));
        await stock.Release("o2");

        var first = await stock.GetHolders(knownVersion: -1);
        var again = await stock.GetHolders(first.Version);
        await stock.Reserve(new ReserveRequest("o3", "s3", 1));
        var after = await stock.GetHolders(first.Version);

        first.Available.ShouldBe(1);
        first.Shoppers!.MightContain("s1").ShouldBeTrue();
        first.Shoppers.MightContain("s2").ShouldBeTrue("a released hold still sends a retry of its order to the grain");
        first.Shoppers.MightContain("s3").ShouldBeFalse();
        again.ShouldBe(new StockHolders(first.Version, 1, null));
        after.Version.ShouldBeGreaterThan(first.Version);
        after.Available.ShouldBe(0);
        after.Shoppers!.MightContain("s3").ShouldBeTrue();
    }
}
