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
        var holders = ReservedPerShopper(requests, outcomes);
        holders.Values.ShouldAllBe(units => units <= 1);

        // Each shopper asks twice, so the limit is raced too; but only a shopper holding a unit is over it.
        requests.Zip(outcomes).Where(pair => pair.Second.Status == ReserveStatus.LimitExceeded)
            .ShouldAllBe(pair => holders.ContainsKey(pair.First.ShopperId));
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

    // Mixed quantities through the whole path. Each shopper orders once and within the limit, so
    // every refusal must be for want of stock, and the last units must go to orders small enough for them.
    [Fact]
    public async Task Place_ThreeThousandShoppersOrderingOneToThreeUnits_ExactlyTheStockReserved()
    {
        await using var sales = (await FailingJournalStorage.StartClusterAsync()).Sales;
        await sales.CreateProductAsync("hot", stock: 100, perShopperLimit: 3);
        var requests = Enumerable.Range(0, 3_000)
            .Select(i => new PlaceOrderRequest($"shopper-{i}", [new OrderLine("hot", 1 + (i % 3))], $"key-{i}"))
            .ToArray();

        var outcomes = await Task.WhenAll(requests.Select((request, i) => Task.Run(() => sales.Order($"order-{i}").Place(request))));

        var placed = requests.Zip(outcomes).Where(pair => pair.Second.Status == PlaceStatus.Placed).ToArray();
        placed.ShouldAllBe(pair => pair.Second.Order!.Lines.Single().Quantity == pair.First.Lines[0].Quantity);
        placed.Sum(pair => pair.First.Lines[0].Quantity).ShouldBe(100);
        requests.Zip(outcomes).Where(pair => pair.Second.Status != PlaceStatus.Placed).ShouldAllBe(pair =>
            pair.Second.Status == PlaceStatus.Rejected
            && pair.Second.Order == null
            && pair.Second.Rejections.Count == 1
            && (pair.Second.Rejections[0].Outcome.Status == ReserveStatus.SoldOut
                || (pair.Second.Rejections[0].Outcome.Status == ReserveStatus.Insufficient
                    && pair.Second.Rejections[0].Outcome.Available > 0
                    && pair.Second.Rejections[0].Outcome.Available < pair.First.Lines[0].Quantity)));
        var snapshot = await sales.AssertBalancedAsync("hot");
        (snapshot.TotalAdded, snapshot.Available, snapshot.Reserved, snapshot.OpenHolds).ShouldBe((100L, 0L, 100L, placed.Length));
    }

    // Reservations arriving while a write is in flight share the next one (group commit): a hot
    // product's storage sees far fewer writes than it has shoppers.
    [Fact]
    public async Task Reserve_HundredAtOnce_FewerJournalAppendsThanReservations()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("hot", stock: 100);
        var appends = journal.Appends;

        var outcomes = await RaceAsync(sales, "hot", [.. Enumerable.Range(0, 100).Select(i => new ReserveRequest($"order-{i}", $"shopper-{i}", 1))]);

        outcomes.ShouldAllBe(o => o.Status == ReserveStatus.Reserved);
        (await sales.AssertBalancedAsync("hot")).Reserved.ShouldBe(100);
        (journal.Appends - appends).ShouldBeLessThan(50, "on average at least two reservations to a write");
    }

    private static Task<ReserveOutcome[]> RaceAsync(SalesCluster sales, string productId, ReserveRequest[] requests) =>
        Task.WhenAll(requests.Select(request => Task.Run(() => sales.Stock(productId).Reserve(request))));

    private static Dictionary<string, int> ReservedPerShopper(ReserveRequest[] requests, ReserveOutcome[] outcomes) =>
        requests.Zip(outcomes)
            .Where(pair => pair.Second.Status == ReserveStatus.Reserved)
            .GroupBy(pair => pair.First.ShopperId)
            .ToDictionary(g => g.Key, g => g.Sum(pair => pair.Second.Quantity));
}
