using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class RaceTests
{
    [Fact]
    public async Task Reserve_TenThousandShoppersOnHundredUnits_ExactlyHundredReserved()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("hot", stock: 100, perShopperLimit: 1);
        var requests = Enumerable.Range(0, 10_000).Select(i => new ReserveRequest($"order-{i}", $"shopper-{i % 5_000}", 1)).ToArray();

        var outcomes = await RaceAsync(sales, "hot", requests);

        outcomes.Count(o => o.Status == ReserveStatus.Reserved).ShouldBe(100);
        outcomes.Count(o => o.Status is ReserveStatus.SoldOut or ReserveStatus.Insufficient or ReserveStatus.LimitExceeded).ShouldBe(9_900);
        var snapshot = await sales.AssertBalancedAsync("hot");
        (snapshot.Available, snapshot.Reserved).ShouldBe((0L, 100L));
        ReservedPerShopper(requests, outcomes).Values.ShouldAllBe(units => units <= 1);
    }

    [Fact]
    public async Task Reserve_TenThousandMultiQuantityRequests_NeverOversells()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("hot", stock: 100, perShopperLimit: 4);
        var requests = Enumerable.Range(0, 10_000).Select(i => new ReserveRequest($"order-{i}", $"shopper-{i % 2_000}", 1 + (i % 3))).ToArray();

        var outcomes = await RaceAsync(sales, "hot", requests);

        outcomes.Where(o => o.Status == ReserveStatus.Reserved).Sum(o => o.Quantity).ShouldBe(100);
        outcomes.Where(o => o.Status == ReserveStatus.Insufficient).ShouldAllBe(o => o.Available < 3);
        (await sales.AssertBalancedAsync("hot")).Reserved.ShouldBe(100);
        ReservedPerShopper(requests, outcomes).Values.ShouldAllBe(units => units <= 4);
    }

    private static Task<ReserveOutcome[]> RaceAsync(SalesCluster sales, string productId, ReserveRequest[] requests) =>
        Task.WhenAll(requests.Select(request => Task.Run(() => sales.Stock(productId).Reserve(request))));

    private static Dictionary<string, int> ReservedPerShopper(ReserveRequest[] requests, ReserveOutcome[] outcomes) =>
        requests.Zip(outcomes)
            .Where(pair => pair.Second.Status == ReserveStatus.Reserved)
            .GroupBy(pair => pair.First.ShopperId)
            .ToDictionary(g => g.Key, g => g.Sum(pair => pair.Second.Quantity));
}
