using System.Net;

namespace RunRun.Api.Tests.Orders;

/// <summary>A product whose checkouts keep failing for system reasons is shut for a while; the others sell on.</summary>
public sealed class BreakerTests : IAsyncLifetime
{
    // Two failed checkouts are enough to judge, so the test need not make ten.
    private readonly ApiHost _host = new(new Dictionary<string, string> { ["RunRun:Sales:Breaker:MinimumThroughput"] = "2" });

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
        using var metrics = await _host.SendAsync(HttpMethod.Get, "/metrics");
        var text = await metrics.Content.ReadAsStringAsync();
        text.ShouldContain($"runrun_breaker_state{{product=\"{sick}\"}} 2");
        text.ShouldContain($"runrun_breaker_state{{product=\"{healthy}\"}} 0");
    }
}
