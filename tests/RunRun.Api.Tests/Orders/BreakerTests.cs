using System.Net;
using RunRun.Actors.Testing;

namespace RunRun.Api.Tests.Orders;

/// <summary>A product whose checkouts keep failing for system reasons is shut for a while; the others sell on.</summary>
public sealed class BreakerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = FakeClock.New();
    private readonly ApiHost _host;

    // Two failed checkouts are enough to judge, so the test need not make ten.
    public BreakerTests() => _host = new(new Dictionary<string, string> { ["RunRun:Sales:Breaker:MinimumThroughput"] = "2" }, _time);

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_AfterRepeatedPaymentSystemFailures_503ProductUnavailableWithRetryAfter()
    {
        var seller = await _host.SignUpAsync("seller");
        var sick = await _host.CreateProductAsync(seller, stock: 50);
        var healthy = await _host.CreateProductAsync(seller, stock: 50);
        var shopper = await _host.SignUpAsync();
        for (var i = 0; i < 2; i++)
        {
            var orderId = (await _host.OrderAsync(shopper, (sick, 1)))["orderId"]!.GetValue<string>();
            using var failed = await _host.PayAsync(shopper, orderId, _host.Unique("card-broken"));
            await ApiHost.ProblemAsync(failed, HttpStatusCode.BadGateway, "payment_failed");
        }

        using var response = await _host.PlaceOrderAsync(shopper, _host.Unique("k"), (sick, 1));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "product_unavailable");
        problem["productId"].ShouldBe(sick);
        var retryAfter = problem.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        (await _host.StockAsync(sick)).Reserved.ShouldBe(2, "the refused order held nothing");
        await _host.OrderAsync(shopper, (healthy, 1));
        var text = await MetricsAsync();
        text.ShouldContain($"runrun_breaker_state{{product=\"{sick}\"}} 2");
        text.ShouldNotContain($"product=\"{healthy}\"", customMessage: "a product whose breaker never opened is not asked at scrape time");

        // The break is over: the next order is the probe, it succeeds, and the series ends at 0.
        _time.Advance(TimeSpan.FromSeconds(30));
        (await MetricsAsync()).ShouldContain($"runrun_breaker_state{{product=\"{sick}\"}} 1");
        await _host.OrderAsync(shopper, (sick, 1));
        (await MetricsAsync()).ShouldContain($"runrun_breaker_state{{product=\"{sick}\"}} 0");
        (await MetricsAsync()).ShouldNotContain($"product=\"{sick}\"");
    }

    private async Task<string> MetricsAsync()
    {
        using var metrics = await _host.SendAsync(HttpMethod.Get, "/metrics");
        return await metrics.Content.ReadAsStringAsync();
    }
}
