using RunRun.Actors.EventSourcing;
using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class BreakerTests
{
    /// <summary>Reservations that fail on the journal, one at a time so that each is a write, and a failed checkout, of its own.</summary>
    private static async Task FailReservationsAsync(SalesCluster sales, string productId, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var failed = false;
            try
            {
                await sales.Stock(productId).Reserve(new ReserveRequest($"{prefix}-{i}", $"{prefix}-shopper-{i}", 1));
            }
            catch (Exception)
            {
                failed = true;
            }

            failed.ShouldBeTrue($"reservation {prefix}-{i} was to fail on the journal");
        }
    }

    /// <summary>Two failed journal writes in twenty checkouts: the breaker of "p" opens with the journal still failing.</summary>
    private static async Task OpenByJournalFailuresAsync(SalesCluster sales, FailingJournalStorage journal)
    {
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");
        journal.Failing = true;
        await FailReservationsAsync(sales, "p", "bad", 2);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
    }

    [Fact]
    public async Task ReportSystemFailure_TenPercentOfCheckouts_OpensAndFailsFast()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");

        await sales.Stock("p").ReportSystemFailure("bad-1", "payment_failed");
        await sales.Stock("p").ReportSystemFailure("bad-2", "payment_failed");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);

        var metrics = sales.Cluster.Primary.GetRequiredService<JournalMetrics>();
        var eventsBefore = metrics.Events;
        var refused = await sales.Stock("p").Reserve(new ReserveRequest("while-open", "s", 1));

        refused.Status.ShouldBe(ReserveStatus.Unavailable);
        refused.RetryAfter!.Value.ShouldBe(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        metrics.Events.ShouldBe(eventsBefore, "a refused reservation must not touch storage");
    }

    [Fact]
    public async Task Reserve_BreakOver_ProbeSuccessCloses()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 9, "ok");
        await sales.Stock("p").ReportSystemFailure("bad", "timeout");
        await sales.Stock("p").ReportSystemFailure("bad2", "timeout");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);

        sales.Time.Advance(TimeSpan.FromSeconds(29));
        (await sales.Stock("p").Reserve(new ReserveRequest("early", "s", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
        sales.Time.Advance(TimeSpan.FromSeconds(1));
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.HalfOpen);

        (await sales.Stock("p").Reserve(new ReserveRequest("probe", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.Stock("p").Reserve(new ReserveRequest("after", "s2", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Fact]
    public async Task Reserve_SellOutsAndRefusals_NeverOpenTheBreaker()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 3, perShopperLimit: 1);

        for (var i = 0; i < 200; i++)
        {
            await sales.Stock("p").Reserve(new ReserveRequest($"o-{i}", $"s-{i % 10}", 1 + (i % 2)));
        }

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        await sales.AssertBalancedAsync("p");
    }

    [Fact]
    public async Task ReportSystemFailure_OneProduct_OtherProductsUnaffected()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("sick", stock: 100);
        await sales.CreateProductAsync("healthy", stock: 100);
        for (var i = 0; i < 12; i++)
        {
            await sales.Stock("sick").ReportSystemFailure($"f-{i}", "payment_failed");
        }

        (await sales.Stock("sick").Reserve(new ReserveRequest("o1", "s", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
        (await sales.Stock("healthy").Reserve(new ReserveRequest("o1", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    // Regression: each repeat of one order's failure used to count, so one shopper could open the breaker.
    [Fact]
    public async Task ReportSystemFailure_SameOrderRepeated_CountsOnce()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 100);

        for (var i = 0; i < 30; i++)
        {
            await sales.Stock("p").ReportSystemFailure("one-order", "payment_failed");
        }

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.Stock("p").Reserve(new ReserveRequest("o1", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Fact]
    public async Task Reserve_FailedJournalWrites_OpenTheBreakerAndLaterReservationsFailFast()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;

        await OpenByJournalFailuresAsync(sales, journal);

        journal.Failing = false;
        (await sales.Stock("p").Reserve(new ReserveRequest("while-open", "s", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
    }

    // Regression: every request waiting on one failed journal write used to count as a failed checkout.
    [Fact]
    public async Task Reserve_OneFailedWriteForManyRequests_CountsOnceAndTheyAllFail()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 100);
        journal.Failing = true;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            try
            {
                await sales.Stock("p").Reserve(new ReserveRequest($"o-{i}", $"s-{i}", 1));
                return false;
            }
            catch (Exception)
            {
                return true;
            }
        }));

        attempts.ShouldAllBe(failed => failed);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        journal.Failing = false;
        (await sales.Stock("p").Reserve(new ReserveRequest("after", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task ConfirmAndRelease_FailedJournalWrites_OpenTheBreaker()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");
        await sales.Stock("p").Reserve(new ReserveRequest("pay-me", "s1", 1));
        await sales.Stock("p").Reserve(new ReserveRequest("give-back", "s2", 1));
        journal.Failing = true;

        // The payment was approved but the sale could not be written, then the release could not be:
        // two failures of this product's storage in twenty checkouts.
        await Should.ThrowAsync<Exception>(() => sales.Stock("p").Confirm("pay-me"));
        await Should.ThrowAsync<Exception>(() => sales.Stock("p").Release("give-back"));

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
    }

    [Fact]
    public async Task Opened_TheProductIsOnTheBreakerBoardUntilForgotten()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.CreateProductAsync("healthy", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");
        var board = sales.Grains.GetGrain<IBreakerBoardGrain>(IBreakerBoardGrain.Key);

        await sales.Stock("p").ReportSystemFailure("bad-1", "payment_failed");
        (await board.GetTripped()).ShouldBeEmpty("one failure in nineteen does not open it");
        await sales.Stock("p").ReportSystemFailure("bad-2", "payment_failed");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);

        var trip = (await board.GetTripped()).ShouldHaveSingleItem();
        trip.ProductId.ShouldBe("p");

        // Read closed, but opened again before the monitor's forget arrived: the newer trip stays.
        await board.Tripped("p");
        await board.Forget("p", trip.Trip);
        (await board.GetTripped()).ShouldHaveSingleItem().Trip.ShouldBe(trip.Trip + 1);
        await board.Forget("p", trip.Trip + 1);
        (await board.GetTripped()).ShouldBeEmpty();
    }

    // Open means no storage at all: a sale's hot product must not keep hammering a sick database.
    [Fact]
    public async Task Reserve_WhileOpen_NoStorageCallsUntilTheBreakIsOverThenAProbeGoesThrough()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");
        await sales.Stock("p").ReportSystemFailure("bad-1", "payment_failed");
        await sales.Stock("p").ReportSystemFailure("bad-2", "payment_failed");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        var callsWhenOpened = journal.Calls;
        var appendsWhenOpened = journal.Appends;

        var breakDuration = TimeSpan.FromSeconds(30);
        var elapsed = TimeSpan.Zero;
        foreach (var at in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(29), breakDuration - TimeSpan.FromMilliseconds(1) })
        {
            sales.Time.Advance(at - elapsed);
            elapsed = at;
            var refused = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
                sales.Stock("p").Reserve(new ReserveRequest($"at-{at.TotalMilliseconds}-{i}", $"shopper-{i}", 1))));

            journal.Calls.ShouldBe(callsWhenOpened, $"no reservation may reach storage {at} into the break");
            refused.Select(o => o.Status).ShouldAllBe(status => status == ReserveStatus.Unavailable);
            refused.Select(o => o.RetryAfter).ShouldAllBe(retryAfter => retryAfter == breakDuration - at);
        }

        sales.Time.Advance(TimeSpan.FromMilliseconds(1));
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.HalfOpen);
        (await sales.Stock("p").Reserve(new ReserveRequest("probe", "prober", 1))).Status.ShouldBe(ReserveStatus.Reserved);

        journal.Appends.ShouldBe(appendsWhenOpened + 1, "the probe is the first reservation to write");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
    }

    // Just under the 10 % ratio must not open: a threshold set lower would take a healthy product off sale.
    [Theory]
    [InlineData(19)]
    [InlineData(10)]
    public async Task ReportSystemFailure_OneFailureBelowTheRatio_StaysClosed(int successes)
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", successes, "ok");

        // Last, so the ratio is judged with every success already in the window.
        await sales.Stock("p").ReportSystemFailure("bad", "payment_failed");

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed, $"1 failure in {successes + 1} checkouts is under 10 %");
        (await sales.Stock("p").Reserve(new ReserveRequest("next", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    [Fact]
    public async Task Reserve_BreakOverAfterJournalFailures_ProbeSucceedsAndCloses()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await OpenByJournalFailuresAsync(sales, journal);
        journal.Failing = false;

        sales.Time.Advance(TimeSpan.FromSeconds(30));
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.HalfOpen);
        var probe = await sales.Stock("p").Reserve(new ReserveRequest("probe", "prober", 1));

        probe.Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.Stock("p").Reserve(new ReserveRequest("after", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Sold, snapshot.Reserved).ShouldBe((18L, 2L), "the failed writes reserved nothing; the probe and the next did");
    }

    [Fact]
    public async Task Reserve_ProbeFailsOnTheJournal_ReopensForAnotherFullBreak()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await OpenByJournalFailuresAsync(sales, journal);

        sales.Time.Advance(TimeSpan.FromSeconds(30));
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.HalfOpen);
        await FailReservationsAsync(sales, "p", "probe", 1);

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        journal.Failing = false;
        var calls = journal.Calls;
        var refused = await sales.Stock("p").Reserve(new ReserveRequest("after-probe", "s", 1));
        refused.Status.ShouldBe(ReserveStatus.Unavailable);
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30), "the failed probe starts a whole new break");
        sales.Time.Advance(TimeSpan.FromSeconds(29));
        (await sales.Stock("p").Reserve(new ReserveRequest("still-early", "s", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
        journal.Calls.ShouldBe(calls);

        sales.Time.Advance(TimeSpan.FromSeconds(1));
        (await sales.Stock("p").Reserve(new ReserveRequest("second-probe", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
    }

    // While the probe's write is in flight the others are sent back for a moment: let through, they
    // would load a storage that may not have recovered; told to wait a whole break, they would lose the sale.
    [Fact]
    public async Task Reserve_TenAtOnceWhenTheBreakIsOver_OneProbesAndTheOthersRetryShortly()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await OpenByJournalFailuresAsync(sales, journal);
        journal.Failing = false;
        sales.Time.Advance(TimeSpan.FromSeconds(30));
        var appends = journal.Appends;

        // The gate keeps the probe's write in flight until the other nine have been answered.
        var gate = new TaskCompletionSource();
        journal.Gate = gate.Task;
        var pending = Enumerable.Range(0, 10)
            .Select(i => sales.Stock("p").Reserve(new ReserveRequest($"half-open-{i}", $"shopper-{i}", 1)))
            .ToArray();
        for (var wait = 0; wait < 3_000 && pending.Count(t => t.IsCompleted) < 9; wait++)
        {
            await Task.Delay(10);
        }

        gate.SetResult();
        var outcomes = await Task.WhenAll(pending);

        outcomes.Count(o => o.Status == ReserveStatus.Reserved).ShouldBe(1);
        var sentBack = outcomes.Where(o => o.Status != ReserveStatus.Reserved).ToArray();
        sentBack.Length.ShouldBe(9);
        sentBack.ShouldAllBe(o => o.Status == ReserveStatus.Unavailable && o.RetryAfter == TimeSpan.FromSeconds(1));
        journal.Appends.ShouldBe(appends + 1, "only the probe wrote");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(1);
    }

    // A double click of an order that already holds its units is answered as the first click was,
    // even while the product is refused to new orders: the units are the shopper's until the order ends.
    [Fact]
    public async Task Reserve_HeldOrderRepeatedWhileOpen_ReservedWithoutTouchingStorage()
    {
        var (sales, journal) = await FailingJournalStorage.StartClusterAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 1_000);
        await sales.ConfirmSalesAsync("p", 18, "ok");
        (await sales.Stock("p").Reserve(new ReserveRequest("held", "s1", 2))).Status.ShouldBe(ReserveStatus.Reserved);
        await sales.Stock("p").ReportSystemFailure("bad-1", "payment_failed");
        await sales.Stock("p").ReportSystemFailure("bad-2", "payment_failed");
        (await sales.Stock("p").Reserve(new ReserveRequest("new", "s2", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
        var calls = journal.Calls;

        var repeat = await sales.Stock("p").Reserve(new ReserveRequest("held", "s1", 2));

        repeat.Status.ShouldBe(ReserveStatus.Reserved);
        repeat.Quantity.ShouldBe(2);
        journal.Calls.ShouldBe(calls, "a repeat reserves nothing, so it writes nothing");
        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    // Orders refused for sold-out and too-few-left lines are the shoppers' bad luck, not a sick product.
    [Fact]
    public async Task Place_SoldOutAndInsufficientOrders_NeverOpenTheBreaker()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.ConfirmSalesAsync("p", 9, "ok");

        var refused = new List<PlaceOutcome>();
        for (var i = 0; i < 30; i++)
        {
            // One unit is left: the first two-unit orders find too few; once a one-unit order has it, the rest find none.
            var quantity = i < 5 ? 2 : 1;
            var outcome = await sales.Order($"o-{i}").Place(new PlaceOrderRequest($"s-{i}", [new OrderLine("p", quantity)], $"k-{i}"));
            if (outcome.Status != PlaceStatus.Placed)
            {
                refused.Add(outcome);
            }
        }

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed);
        refused.Count.ShouldBe(29);
        refused.SelectMany(o => o.Rejections).Select(r => r.Outcome.Status).Distinct()
            .ShouldBe([ReserveStatus.Insufficient, ReserveStatus.SoldOut], ignoreOrder: true);
    }
}

