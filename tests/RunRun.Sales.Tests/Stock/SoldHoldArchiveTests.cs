using RunRun.Actors.Testing;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

/// <summary>Sold holds leave a product's state after their retention; their units stay sold, and a refund returns them once.</summary>
public sealed class SoldHoldArchiveTests
{
    // The shortest retention the options allow: the hold audit's horizon of 10 + 1 + 5 minutes.
    private const int RetentionMinutes = 16;

    private static async Task<SalesCluster> StartAsync()
    {
        var sales = await SalesCluster.StartAsync(builder => builder.ConfigureSetting("RunRun:Sales:Orders:SoldHoldRetention", $"00:{RetentionMinutes}:00"));
        await sales.CreateProductAsync("p", stock: 5, perShopperLimit: 2);
        return sales;
    }

    private static async Task SellAsync(SalesCluster sales, string orderId, string shopperId, int quantity)
    {
        (await sales.Stock("p").Reserve(new ReserveRequest(orderId, shopperId, quantity))).Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.Stock("p").Confirm(orderId)).ShouldBe(HoldChange.Applied);
    }

    /// <summary>
    /// Moves time on until an audit (every 5 minutes) archives the order's sold hold; Confirm asks
    /// without changing anything. <paramref name="maxMinutes"/> keeps later sales within their retention.
    /// </summary>
    private static Task ArchivedAsync(SalesCluster sales, string orderId, int maxMinutes = 60) =>
        sales.AdvanceMinutesUntilAsync(async () => await sales.Stock("p").Confirm(orderId) == HoldChange.NotFound, maxMinutes, $"the sold hold of {orderId} archived");

    [Fact]
    public async Task HoldAudit_SoldHoldPastItsRetention_ArchivedWithItsUnitsStillSoldAndCounted()
    {
        await using var sales = await StartAsync();
        await SellAsync(sales, "o1", "s1", 2);
        await sales.AdvanceMinutesAsync(10);
        await SellAsync(sales, "o2", "s2", 1);

        // o1 (sold at minute 0) is archived by the audit of minute 20 or 25; o2 (sold at 10) not before the one of 30.
        await ArchivedAsync(sales, "o1", maxMinutes: 19);

        (await sales.Stock("p").Confirm("o2")).ShouldBe(HoldChange.AlreadyApplied, "o2 was sold later and is still within its retention");
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Reserved, snapshot.Sold).ShouldBe((2L, 0L, 3L));
        (await sales.Stock("p").Reserve(new ReserveRequest("o3", "s1", 1))).Status.ShouldBe(ReserveStatus.LimitExceeded, "s1 still bought 2 of a limit of 2");
        var holders = await sales.Stock("p").GetHolders(knownVersion: -1);
        holders.Shoppers!.MightContain("s1").ShouldBeTrue("a retry of the archived order must still reach its grain when the product is sold out");
    }

    [Fact]
    public async Task ReturnSold_ArchivedSale_ReturnsItsUnitsOnce()
    {
        await using var sales = await StartAsync();
        await SellAsync(sales, "o1", "s1", 2);
        await ArchivedAsync(sales, "o1");

        var first = await sales.Stock("p").ReturnSold(new SoldReturn("o1", "s1", 2));
        var repeated = await sales.Stock("p").ReturnSold(new SoldReturn("o1", "s1", 2));
        var released = await sales.Stock("p").Release("o1");

        (first, repeated, released).ShouldBe((HoldChange.Applied, HoldChange.AlreadyApplied, HoldChange.AlreadyApplied));
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((5L, 0L));
        (await sales.Stock("p").Reserve(new ReserveRequest("o2", "s1", 2))).Status.ShouldBe(ReserveStatus.Reserved, "the refund gave s1's limit back");
    }

    [Fact]
    public async Task ReturnSold_NoArchivedSaleToMatch_NotFoundAndNothingChanged()
    {
        await using var sales = await StartAsync();
        (await sales.Stock("p").ReturnSold(new SoldReturn("never", "s1", 1))).ShouldBe(HoldChange.NotFound, "nothing was archived yet");
        await SellAsync(sales, "o1", "s1", 2);
        await ArchivedAsync(sales, "o1");
        var before = await sales.Stock("p").GetSnapshot();

        SoldReturn[] claims =
        [
            new("o9", "s1", 3),
            new("o9", "s9", 1),
            new("o9", "s1", 0),
            new("o9", "s1", -1),
            new("", "s1", 1),
            new("o9", null!, 1),
        ];
        foreach (var claim in claims)
        {
            (await sales.Stock("p").ReturnSold(claim)).ShouldBe(HoldChange.NotFound, claim.ToString());
        }

        (await sales.Stock("p").GetSnapshot()).ShouldBe(before);
    }

    [Fact]
    public async Task Refund_RefundedHold_KeptPastEveryRetentionSoARepeatReturnsNothing()
    {
        await using var sales = await StartAsync();
        await SellAsync(sales, "o1", "s1", 2);
        await SellAsync(sales, "o2", "s2", 2);
        await sales.Stock("p").Reserve(new ReserveRequest("o3", "s3", 1));
        await sales.Stock("p").Release("o3");
        (await sales.Stock("p").ReturnSold(new SoldReturn("o1", "s1", 2))).ShouldBe(HoldChange.Applied);

        // Until an audit has both archived the sold o2 and pruned the released o3: neither may take the refunded o1.
        await sales.AdvanceMinutesUntilAsync(
            async () => await sales.Stock("p").Confirm("o2") == HoldChange.NotFound && await sales.Stock("p").Release("o3") == HoldChange.NotFound,
            120,
            "o2 archived and o3 pruned");
        var repeated = await sales.Stock("p").ReturnSold(new SoldReturn("o1", "s1", 2));

        repeated.ShouldBe(HoldChange.AlreadyApplied);
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((3L, 2L));
    }

    [Fact]
    public void HoldsPruned_InAJournalFromBeforeRefundedHoldsWereKept_StillDropsTheRefund()
    {
        var at = SalesCluster.Start;
        StockEvent[] journal =
        [
            new StockAdded(5),
            new UnitsReserved("o1", "s1", 2, at),
            new HoldConfirmed("o1"),
            new HoldReleased("o1", at.AddMinutes(1)),
            new HoldsPruned(["o1"]),
        ];
        var state = new StockState();

        foreach (var change in journal)
        {
            state.Apply(change);
        }

        state.Holds.ShouldBeEmpty();
        (state.Available, state.Sold, state.ArchivedSold).ShouldBe((5L, 0L, 0L));
    }

    [Fact]
    public async Task Archive_AfterSiloRestart_IsReplayedFromTheJournal()
    {
        await using var sales = await StartAsync();
        await SellAsync(sales, "o1", "s1", 2);
        await SellAsync(sales, "o2", "s2", 1);
        await ArchivedAsync(sales, "o1");
        (await sales.Stock("p").ReturnSold(new SoldReturn("o2", "s2", 1))).ShouldBe(HoldChange.Applied);
        var before = await sales.Stock("p").GetSnapshot();

        await sales.Cluster.RestartSiloAsync(sales.Cluster.Primary);

        (await sales.Stock("p").GetSnapshot()).ShouldBe(before);
        (await sales.Stock("p").Confirm("o1")).ShouldBe(HoldChange.NotFound);
        (await sales.Stock("p").ReturnSold(new SoldReturn("o2", "s2", 1))).ShouldBe(HoldChange.AlreadyApplied);
        (await sales.Stock("p").ReturnSold(new SoldReturn("o1", "s1", 2))).ShouldBe(HoldChange.Applied, "the archived units were still sold after the restart");
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(0);
    }
}
