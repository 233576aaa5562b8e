using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

/// <summary>A retried or double-clicked restock must not put units on sale the seller does not have.</summary>
public sealed class RestockTests
{
    private static async Task<SalesCluster> WithProductAsync()
    {
        var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 0);
        return sales;
    }

    [Fact]
    public async Task AddStockOnce_SameKeyTwice_AddsOnceAndSaysRepeated()
    {
        await using var sales = await WithProductAsync();

        var first = await sales.Stock("p").AddStockOnce("restock-1", 40);
        var again = await sales.Stock("p").AddStockOnce("restock-1", 40);

        (first.Status, first.Snapshot.TotalAdded).ShouldBe((RestockStatus.Added, 40L));
        (again.Status, again.Snapshot.TotalAdded).ShouldBe((RestockStatus.Repeated, 40L));
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(40);
    }

    [Fact]
    public async Task AddStockOnce_SameKeyAnotherQuantity_KeyConflictAndNothingAdded()
    {
        await using var sales = await WithProductAsync();
        await sales.Stock("p").AddStockOnce("restock-1", 40);

        var conflict = await sales.Stock("p").AddStockOnce("restock-1", 50);

        conflict.Status.ShouldBe(RestockStatus.KeyConflict);
        (await sales.AssertBalancedAsync("p")).TotalAdded.ShouldBe(40);
    }

    [Fact]
    public async Task AddStockOnce_ConcurrentRepeatsOfOneKey_AddOnce()
    {
        await using var sales = await WithProductAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => sales.Stock("p").AddStockOnce("double-click", 5)));

        outcomes.Count(o => o.Status == RestockStatus.Added).ShouldBe(1);
        outcomes.Count(o => o.Status == RestockStatus.Repeated).ShouldBe(19);
        (await sales.AssertBalancedAsync("p")).TotalAdded.ShouldBe(5);
    }

    [Fact]
    public async Task AddStockOnce_RepeatAfterASiloRestart_StillRepeated()
    {
        await using var sales = await WithProductAsync();
        await sales.Stock("p").AddStockOnce("restock-1", 40);

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);

        (await sales.Stock("p").AddStockOnce("restock-1", 40)).Status.ShouldBe(RestockStatus.Repeated);
        (await sales.AssertBalancedAsync("p")).TotalAdded.ShouldBe(40);
    }

    [Fact]
    public async Task AddStockOnce_KeyOlderThanTheLatestHundred_IsForgottenAndAddsAgain()
    {
        await using var sales = await WithProductAsync();
        for (var i = 0; i <= RecentRestock.Kept; i++)
        {
            await sales.Stock("p").AddStockOnce($"restock-{i}", 1);
        }

        (await sales.Stock("p").AddStockOnce($"restock-{RecentRestock.Kept}", 1)).Status.ShouldBe(RestockStatus.Repeated);
        (await sales.Stock("p").AddStockOnce("restock-0", 1)).Status.ShouldBe(RestockStatus.Added);
        (await sales.AssertBalancedAsync("p")).TotalAdded.ShouldBe(RecentRestock.Kept + 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task AddStockOnce_QuantityBelowOne_RefusedAndTheKeyStaysFree(long quantity)
    {
        await using var sales = await WithProductAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => sales.Stock("p").AddStockOnce("restock-1", quantity));

        (await sales.Stock("p").AddStockOnce("restock-1", 7)).Status.ShouldBe(RestockStatus.Added);
    }
}
