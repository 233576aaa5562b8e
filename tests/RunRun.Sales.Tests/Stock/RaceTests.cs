using RunRun.Sales.Orders;
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

        // Each refusal judged against its own request: "too few left" must mean fewer than that shopper asked for.
        requests.Zip(outcomes).Where(pair => pair.Second.Status != ReserveStatus.Reserved).ShouldAllBe(pair =>
            pair.Second.Status == ReserveStatus.SoldOut
            || (pair.Second.Status == ReserveStatus.Insufficient && pair.Second.Available > 0 && pair.Second.Available < pair.First.Quantity)
            || pair.Second.Status == ReserveStatus.LimitExceeded);
        outcomes.Where(o => o.Status == ReserveStatus.Reserved).Sum(o => o.Quantity).ShouldBe(100);
        (await sales.AssertBalancedAsync("hot")).Reserved.ShouldBe(100);
        ReservedPerShopper(requests, outcomes).Values.ShouldAllBe(units => units <= 4);
    }

    // The whole path a shopper takes (order grain, then stock), not the stock grain alone.
    [Fact]
    public async Task Place_TenThousandShoppersOnHundredUnits_ExactlyHundredPlaced()
    {
        // A journal write that takes a while, as a database's does, so reservations pile up behind each one.
        await using var sales = (await FailingJournalStorage.StartClusterAsync()).Sales;
        await sales.CreateProductAsync("hot", stock: 100, perShopperLimit: 1);
        var shoppers = Enumerable.Range(0, 10_000).Select(i => $"shopper-{i}").ToArray();

        var outcomes = await Task.WhenAll(shoppers.Select((shopper, i) => Task.Run(() =>
            sales.Order($"order-{i}").Place(new PlaceOrderRequest(shopper, [new OrderLine("hot", 1)], $"key-{i}")))));

        outcomes.Count(o => o.Status == PlaceStatus.Placed).ShouldBe(100);
        var rejected = outcomes.Where(o => o.Status != PlaceStatus.Placed).ToArray();
        rejected.Length.ShouldBe(9_900);
        rejected.ShouldAllBe(o => o.Status == PlaceStatus.Rejected && o.Rejections.Count == 1);
        rejected.Select(o => o.Rejections[0].Outcome.Status).ShouldAllBe(status => status == ReserveStatus.SoldOut || status == ReserveStatus.Insufficient);
        var snapshot = await sales.AssertBalancedAsync("hot");
        (snapshot.TotalAdded, snapshot.Available, snapshot.Reserved, snapshot.OpenHolds).ShouldBe((100L, 0L, 100L, 100));
        shoppers.Zip(outcomes)
            .Where(pair => pair.Second.Status == PlaceStatus.Placed)
            .GroupBy(pair => pair.First)
            .Select(g => g.Sum(pair => pair.Second.Order!.Lines.Sum(line => line.Quantity)))
            .ShouldAllBe(units => units <= 1);
    }

    private static Task<ReserveOutcome[]> RaceAsync(SalesCluster sales, string productId, ReserveRequest[] requests) =>
        Task.WhenAll(requests.Select(request => Task.Run(() => sales.Stock(productId).Reserve(request))));

    private static Dictionary<string, int> ReservedPerShopper(ReserveRequest[] requests, ReserveOutcome[] outcomes) =>
        requests.Zip(outcomes)
            .Where(pair => pair.Second.Status == ReserveStatus.Reserved)
            .GroupBy(pair => pair.First.ShopperId)
            .ToDictionary(g => g.Key, g => g.Sum(pair => pair.Second.Quantity));
}
