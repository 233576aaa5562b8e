using System.Globalization;
using System.Text.RegularExpressions;
using RunRun.Actors.AdoNet;

namespace RunRun.Api.Tests.Operations;

/// <summary>/metrics reports the storage writer of the co-hosted silo: what it committed and how busy it was.</summary>
public sealed class StorageMetricsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task Metrics_AfterAnOrder_StorageWriterCountedAndTimed()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 2);
        var shopper = await Host.SignUpAsync();
        var before = await MetricsText.ScrapeAsync(Host);
        var database = OnlyDatabase(before);

        await Host.OrderAsync(shopper, (productId, 1));
        var after = await MetricsText.ScrapeAsync(Host);

        OnlyDatabase(after).ShouldBe(database, "the grain storage, the journals and the reminders share one file, so one writer");
        database.ShouldEndWith("runrun.db");
        var label = $"database=\"{database}\"";
        foreach (var family in new[] { "runrun_storage_transactions_total", "runrun_storage_writes_total", "runrun_storage_busy_seconds_total" })
        {
            after.ShouldContain($"# TYPE {family} counter\n");
        }

        after.ShouldContain("# TYPE runrun_storage_commit_duration_seconds histogram\n");

        // The order's reservation, its record, its expiry reminder and the shopper's history: four writes at least.
        Growth(before, after, $"runrun_storage_writes_total{{{label}}}").ShouldBeGreaterThanOrEqualTo(4);
        Growth(before, after, $"runrun_storage_transactions_total{{{label}}}").ShouldBeGreaterThanOrEqualTo(1);
        Growth(before, after, $"runrun_storage_busy_seconds_total{{{label},phase=\"statements\"}}").ShouldBeGreaterThan(0);
        Growth(before, after, $"runrun_storage_busy_seconds_total{{{label},phase=\"commit\"}}").ShouldBeGreaterThan(0);

        var transactions = MetricsText.Value(after, $"runrun_storage_transactions_total{{{label}}}");
        MetricsText.Value(after, $"runrun_storage_commit_duration_seconds_count{{{label}}}").ShouldBe(transactions);
        MetricsText.Value(after, $"runrun_storage_commit_duration_seconds_bucket{{{label},le=\"+Inf\"}}").ShouldBe(transactions);
        MetricsText.Value(after, $"runrun_storage_commit_duration_seconds_sum{{{label}}}")
            .ShouldBe(MetricsText.Value(after, $"runrun_storage_busy_seconds_total{{{label},phase=\"commit\"}}"));
        var buckets = WriterMetrics.CommitSecondsBounds
            .Select(bound => MetricsText.Value(after, $"runrun_storage_commit_duration_seconds_bucket{{{label},le=\"{bound.ToString(CultureInfo.InvariantCulture)}\"}}"))
            .ToList();
        buckets.ShouldBe(buckets.Order().ToList(), "buckets are cumulative");
        buckets[^1].ShouldBeInRange(1, transactions);
    }

    private static string OnlyDatabase(string text) =>
        Regex.Matches(text, "^runrun_storage_transactions_total\\{database=\"([^\"]+)\"\\} ", RegexOptions.Multiline)
            .ShouldHaveSingleItem().Groups[1].Value;

    private static double Growth(string before, string after, string series) =>
        MetricsText.Value(after, series) - MetricsText.Value(before, series);
}
