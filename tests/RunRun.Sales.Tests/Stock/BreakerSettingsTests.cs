using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

/// <summary>The breaker's thresholds come from configuration; each test's numbers would open it under the defaults.</summary>
public sealed class BreakerSettingsTests
{
    private static Task<SalesCluster> StartAsync(string setting, string value) =>
        SalesCluster.StartAsync(b => b.ConfigureSetting("RunRun:Sales:Breaker:" + setting, value));

    private static async Task ReportFailuresAsync(SalesCluster sales, string productId, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await sales.Stock(productId).ReportSystemFailure($"{prefix}-{i}", "payment_failed");
        }

        // The reports are one-way: a call answered behind them proves they were counted, and at this time, not after the clock moves.
        await sales.Stock(productId).GetSnapshot();
    }

    // Ten failed checkouts of ten open it under the default minimum of ten.
    [Fact]
    public async Task ReportSystemFailure_MinimumThroughputRaisedToFifty_TenFailuresLeaveItClosed()
    {
        await using var sales = await StartAsync("MinimumThroughput", "50");
        await sales.CreateProductAsync("p", stock: 100);

        await ReportFailuresAsync(sales, "p", "bad", 10);

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed, "10 checkouts are under the configured minimum of 50");
        (await sales.Stock("p").Reserve(new ReserveRequest("next", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }

    // Two failures in twenty checkouts is the 10 % that opens it; under the default 30 s window the
    // first failure, six seconds old, would still be one of them.
    [Fact]
    public async Task ReportSystemFailure_SamplingDurationFiveSeconds_OlderFailureNoLongerCounts()
    {
        await using var sales = await StartAsync("SamplingDuration", "00:00:05");
        await sales.CreateProductAsync("p", stock: 100);
        await ReportFailuresAsync(sales, "p", "old", 1);

        sales.Time.Advance(TimeSpan.FromSeconds(6));
        await sales.ConfirmSalesAsync("p", 18, "ok");
        await ReportFailuresAsync(sales, "p", "new", 1);

        (await sales.Stock("p").GetSnapshot()).Breaker.ShouldBe(BreakerState.Closed, "1 failure in the last 5 s of 19 checkouts is under 10 %");
        (await sales.Stock("p").Reserve(new ReserveRequest("next", "s", 1))).Status.ShouldBe(ReserveStatus.Reserved);
    }
}
