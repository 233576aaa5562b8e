using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class ReserveOutcomeTests
{
    [Fact]
    public async Task Reserve_StockLeft_ReservesAndCounts()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);

        var outcome = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));

        outcome.Status.ShouldBe(ReserveStatus.Reserved);
        outcome.Quantity.ShouldBe(2);
        outcome.Available.ShouldBe(3);
        outcome.UnitPrice.ShouldBe(Money.Krw(10_000));
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Reserved, snapshot.OpenHolds).ShouldBe((3L, 2L, 1));
    }

    [Fact]
    public async Task Reserve_TimeDealBeforeStart_NotOnSaleWithOpensAt()
    {
        await using var sales = await SalesCluster.StartAsync();
        var opensAt = SalesCluster.Start.AddMinutes(1);
        await sales.CreateProductAsync("deal", stock: 5, kind: ProductKind.TimeDeal, startsAt: opensAt);

        var early = await sales.Stock("deal").Reserve(new ReserveRequest("o1", "s1", 1));
        sales.Time.Advance(TimeSpan.FromMinutes(1));
        var onTime = await sales.Stock("deal").Reserve(new ReserveRequest("o2", "s1", 1));

        early.Status.ShouldBe(ReserveStatus.NotOnSale);
        early.OpensAt.ShouldBe(opensAt);
        onTime.Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Fact]
    public async Task Reserve_AfterSaleEnds_NotOnSaleWithoutOpensAt()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("ended", stock: 5, endsAt: SalesCluster.Start.AddMinutes(5));
        sales.Time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await sales.Stock("ended").Reserve(new ReserveRequest("o1", "s1", 1));

        outcome.Status.ShouldBe(ReserveStatus.NotOnSale);
        outcome.OpensAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(int.MinValue)]
    public async Task Reserve_BadQuantity_InvalidAndNothingChanges(int quantity)
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);

        var outcome = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", quantity));

        outcome.Status.ShouldBe(ReserveStatus.Invalid);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(5);
    }

    [Fact]
    public async Task Reserve_UnknownProduct_InvalidWithReason()
    {
        await using var sales = await SalesCluster.StartAsync();

        var outcome = await sales.Stock("nope").Reserve(new ReserveRequest("o1", "s1", 1));

        outcome.Status.ShouldBe(ReserveStatus.Invalid);
        outcome.Reason!.ShouldContain("does not exist");
        (await sales.Stock("nope").GetSnapshot()).TotalAdded.ShouldBe(0);
    }

    [Fact]
    public async Task Reserve_OverPerShopperLimit_LimitExceededAcrossOrders()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 50, perShopperLimit: 3);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));

        var second = await sales.Stock("p").Reserve(new ReserveRequest("o2", "s1", 2));
        var otherShopper = await sales.Stock("p").Reserve(new ReserveRequest("o3", "s2", 3));

        second.Status.ShouldBe(ReserveStatus.LimitExceeded);
        otherShopper.Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Fact]
    public async Task Reserve_NothingLeft_SoldOut()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1));

        (await sales.Stock("p").Reserve(new ReserveRequest("o2", "s2", 1))).Status.ShouldBe(ReserveStatus.SoldOut);
    }

    [Fact]
    public async Task Reserve_FewerLeftThanAsked_InsufficientWithCount()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 2);

        var outcome = await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 3));

        outcome.Status.ShouldBe(ReserveStatus.Insufficient);
        outcome.Available.ShouldBe(2);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task Reserve_NotOnSaleAndSoldOut_NotOnSaleComesFirst()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 0, kind: ProductKind.TimeDeal, startsAt: SalesCluster.Start.AddHours(1));

        (await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1))).Status.ShouldBe(ReserveStatus.NotOnSale);
    }

    [Fact]
    public async Task Reserve_OverLimitAndSoldOut_LimitExceededComesFirst()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 0, perShopperLimit: 1);

        (await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2))).Status.ShouldBe(ReserveStatus.LimitExceeded);
    }

    private static async Task OpenBreakerAsync(SalesCluster sales, string productId)
    {
        // Ten system failures and nothing else: the minimum throughput, all of it failing.
        for (var i = 0; i < 10; i++)
        {
            await sales.Stock(productId).ReportSystemFailure($"failed-{i}", "payment_failed");
        }

        (await sales.Stock(productId).GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
    }

    // A product whose breaker is open answers nothing about itself: its storage may be what is broken.
    [Fact]
    public async Task Reserve_BreakerOpenAndNotOnSale_UnavailableComesFirst()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("deal", stock: 5, kind: ProductKind.TimeDeal, startsAt: SalesCluster.Start.AddHours(1));
        await OpenBreakerAsync(sales, "deal");

        var outcome = await sales.Stock("deal").Reserve(new ReserveRequest("o1", "s1", 1));

        outcome.Status.ShouldBe(ReserveStatus.Unavailable);
        outcome.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Reserve_BreakerOpenAndSoldOut_UnavailableComesFirst()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 0);
        await OpenBreakerAsync(sales, "p");

        (await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Reserve_NotOnSaleAndBadQuantity_NotOnSaleComesFirst(int quantity)
    {
        await using var sales = await SalesCluster.StartAsync();
        var opensAt = SalesCluster.Start.AddHours(1);
        await sales.CreateProductAsync("deal", stock: 5, kind: ProductKind.TimeDeal, startsAt: opensAt);

        var outcome = await sales.Stock("deal").Reserve(new ReserveRequest("o1", "s1", quantity));

        outcome.Status.ShouldBe(ReserveStatus.NotOnSale);
        outcome.OpensAt.ShouldBe(opensAt);
    }

    [Fact]
    public async Task Reserve_OverLimitAndTooFewLeft_LimitExceededComesFirst()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 3, perShopperLimit: 3);
        (await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2))).Status.ShouldBe(ReserveStatus.Reserved);

        // One left: each of these asks for more than is left and takes its shopper over the limit.
        var again = await sales.Stock("p").Reserve(new ReserveRequest("o2", "s1", 2));
        var tooMany = await sales.Stock("p").Reserve(new ReserveRequest("o3", "s2", 4));

        again.Status.ShouldBe(ReserveStatus.LimitExceeded);
        tooMany.Status.ShouldBe(ReserveStatus.LimitExceeded);
    }

    [Theory]
    [InlineData("", "s1")]
    [InlineData("o1", " ")]
    public async Task Reserve_MissingIdsAndOverLimit_InvalidComesFirst(string orderId, string shopperId)
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10, perShopperLimit: 1);

        var outcome = await sales.Stock("p").Reserve(new ReserveRequest(orderId, shopperId, 5));

        outcome.Status.ShouldBe(ReserveStatus.Invalid);
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
    }

    [Fact]
    public async Task Reserve_SameOrderTwice_ReservesOnce()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => sales.Stock("p").Reserve(new ReserveRequest("double", "s1", 2))));

        clicks.ShouldAllBe(o => o.Status == ReserveStatus.Reserved && o.Quantity == 2);
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Reserved, snapshot.OpenHolds).ShouldBe((2L, 1));
    }

    // A retry that arrives just after the sale closes is still the order that got in before it.
    [Fact]
    public async Task Reserve_HeldOrderRepeatedAfterTheSaleCloses_StillReserved()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5, endsAt: SalesCluster.Start.AddMinutes(5));
        (await sales.Stock("p").Reserve(new ReserveRequest("held", "s1", 2))).Status.ShouldBe(ReserveStatus.Reserved);
        sales.Time.Advance(TimeSpan.FromMinutes(5));

        var repeat = await sales.Stock("p").Reserve(new ReserveRequest("held", "s1", 2));

        repeat.Status.ShouldBe(ReserveStatus.Reserved);
        repeat.Quantity.ShouldBe(2);
        (await sales.Stock("p").Reserve(new ReserveRequest("late", "s2", 1))).Status.ShouldBe(ReserveStatus.NotOnSale);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task ConfirmAndRelease_Repeated_AreIdempotent()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        var stock = sales.Stock("p");
        await stock.Reserve(new ReserveRequest("paid", "s1", 2));
        await stock.Reserve(new ReserveRequest("dropped", "s2", 1));

        (await stock.Confirm("paid")).ShouldBe(HoldChange.Applied);
        (await stock.Confirm("paid")).ShouldBe(HoldChange.AlreadyApplied);
        (await stock.Release("dropped")).ShouldBe(HoldChange.Applied);
        (await stock.Release("dropped")).ShouldBe(HoldChange.AlreadyApplied);
        (await stock.Confirm("dropped")).ShouldBe(HoldChange.Conflict);
        (await stock.Confirm("unknown")).ShouldBe(HoldChange.NotFound);
        (await stock.Reserve(new ReserveRequest("dropped", "s2", 1))).Status.ShouldBe(ReserveStatus.Invalid);

        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Reserved, snapshot.Sold).ShouldBe((3L, 0L, 2L));
    }

    [Fact]
    public async Task Release_SoldHold_ReturnsUnitsForARefund()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 2, perShopperLimit: 2);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 2));
        await sales.Stock("p").Confirm("o1");

        (await sales.Stock("p").Release("o1")).ShouldBe(HoldChange.Applied);

        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((2L, 0L));
        (await sales.Stock("p").Reserve(new ReserveRequest("o2", "s1", 2))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public async Task AddStock_BadQuantity_ThrowsAndNothingChanges(long quantity)
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);

        await Should.ThrowAsync<ArgumentOutOfRangeException>(sales.Stock("p").AddStock(quantity));

        (await sales.AssertBalancedAsync("p")).TotalAdded.ShouldBe(5);
    }

    [Fact]
    public async Task Snapshot_AfterSiloRestart_IsReplayedFromTheJournal()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.Stock("p").Reserve(new ReserveRequest("o1", "s1", 3));
        await sales.Stock("p").Confirm("o1");
        await sales.Stock("p").Reserve(new ReserveRequest("o2", "s2", 2));
        var before = await sales.Stock("p").GetSnapshot();

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);

        (await sales.Stock("p").GetSnapshot()).ShouldBe(before);
    }
}
