using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

/// <summary>The filter of held orders an API replica uses to tell a retried order from a new one once a product is sold out.</summary>
public sealed class HeldOrdersTests
{
    [Fact]
    public void OrderIdFilter_TenThousandIds_NoneMissedAboutOnePercentFalse()
    {
        var held = Enumerable.Range(0, 10_000).Select(i => $"o-{i:x8}").ToList();

        var filter = OrderIdFilter.Of(held);

        held.ShouldAllBe(id => filter.MightContain(id));
        var falsePositives = Enumerable.Range(10_000, 100_000).Count(i => filter.MightContain($"o-{i:x8}"));
        falsePositives.ShouldBeLessThan(2_000, "about 1 % of 100,000 ids never added");
    }

    [Fact]
    public void OrderIdFilter_Empty_ContainsNothing()
    {
        var filter = OrderIdFilter.Of([]);

        Enumerable.Range(0, 1_000).ShouldAllBe(i => !filter.MightContain($"o-{i}"));
    }

    [Fact]
    public async Task GetHeldOrders_KnownVersion_LeavesTheFilterOutUntilTheNextEvent()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 2);
        var stock = sales.Stock("p");
        await stock.Reserve(new ReserveRequest("o1", "s1", 1));
        await stock.Reserve(new ReserveRequest("o2", "s2", 1));
        await stock.Release("o2");

        var first = await stock.GetHeldOrders(knownVersion: -1);
        var again = await stock.GetHeldOrders(first.Version);
        await stock.Reserve(new ReserveRequest("o3", "s3", 1));
        var after = await stock.GetHeldOrders(first.Version);

        first.Available.ShouldBe(1);
        first.Orders!.MightContain("o1").ShouldBeTrue();
        first.Orders.MightContain("o2").ShouldBeTrue("a released hold still answers a retry of its order");
        first.Orders.MightContain("o3").ShouldBeFalse();
        again.ShouldBe(new HeldOrders(first.Version, 1, null));
        after.Version.ShouldBeGreaterThan(first.Version);
        after.Available.ShouldBe(0);
        after.Orders!.MightContain("o3").ShouldBeTrue();
    }
}
