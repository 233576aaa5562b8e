using RunRun.Actors.EventSourcing;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class BreakerTests
{
    private static async Task ConfirmedSalesAsync(SalesCluster sales, string productId, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            await sales.Stock(productId).Reserve(new ReserveRequest($"{prefix}-{i}", $"{prefix}-shopper-{i}", 1));
            (await sales.Stock(productId).Confirm($"{prefix}-{i}")).ShouldBe(HoldChange.Applied);
        }
    }

    private static async Task<(SalesCluster Sales, FailingJournalStorage Journal)> StartWithFailingJournalAsync()
    {
        var journal = new FailingJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage());
        var sales = await SalesCluster.StartAsync(b => b.ConfigureSilo(s =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton<RunRun.Actors.Storage.IJournalStorage>(s.Services, "Default", journal)));
        return (sales, journal);
    }

    [Fact]
    public async Task ReportSystemFailure_TenPercentOfCheckouts_OpensAndFailsFast()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 1_000);
        await ConfirmedSalesAsync(sales, "p", 18, "ok");

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
        await ConfirmedSalesAsync(sales, "p", 9, "ok");
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
        var (sales, journal) = await StartWithFailingJournalAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 1_000);
        await ConfirmedSalesAsync(sales, "p", 18, "ok");
        journal.Failing = true;

        // One at a time, so each is a write of its own: two failures in twenty checkouts.
        for (var i = 0; i < 2; i++)
        {
            var failed = false;
            try
            {
                await sales.Stock("p").Reserve(new ReserveRequest($"bad-{i}", $"bad-shopper-{i}", 1));
            }
            catch (Exception)
            {
                failed = true;
            }

            failed.ShouldBeTrue();
        }

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
        journal.Failing = false;
        (await sales.Stock("p").Reserve(new ReserveRequest("while-open", "s", 1))).Status.ShouldBe(ReserveStatus.Unavailable);
    }

    // Regression: every request waiting on one failed journal write used to count as a failed checkout.
    [Fact]
    public async Task Reserve_OneFailedWriteForManyRequests_CountsOnceAndTheyAllFail()
    {
        var (sales, journal) = await StartWithFailingJournalAsync();
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
        var (sales, journal) = await StartWithFailingJournalAsync();
        await using var _ = sales;
        await sales.CreateProductAsync("p", stock: 1_000);
        await ConfirmedSalesAsync(sales, "p", 18, "ok");
        await sales.Stock("p").Reserve(new ReserveRequest("pay-me", "s1", 1));
        await sales.Stock("p").Reserve(new ReserveRequest("give-back", "s2", 1));
        journal.Failing = true;

        // The payment was approved but the sale could not be written, then the release could not be:
        // two failures of this product's storage in twenty checkouts.
        await Should.ThrowAsync<Exception>(() => sales.Stock("p").Confirm("pay-me"));
        await Should.ThrowAsync<Exception>(() => sales.Stock("p").Release("give-back"));

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Open);
    }
}

