using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Testing;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Api.Tests.Infrastructure;

public sealed class OverloadTests : IAsyncLifetime
{
    // One request at a time; a slow card holds it for a second of fake time, which passes only when the test says.
    private readonly ApiHost _host = new(
        new Dictionary<string, string>
        {
            ["RunRun:Api:MaxConcurrentRequests"] = "1",
            ["RunRun:Payments:Simulator:SlowCardDelay"] = "00:00:01",
        },
        FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Request_WhileTheOnlySlotIsBusy_503OverloadedWithRetryAfter()
    {
        var seller = await _host.SignUpAsync("seller");
        var productId = await _host.CreateProductAsync(seller, stock: 5);
        var shopper = await _host.SignUpAsync();
        var orderId = (await _host.OrderAsync(shopper, (productId, 1)))["orderId"]!.GetValue<string>();
        var gateway = _host.Services.GetRequiredService<PaymentSimulator>();

        var slow = _host.PayAsync(shopper, orderId, _host.Unique("card-slow"));
        await Eventually.TrueAsync(() => Task.FromResult(gateway.Calls == 1 || slow.IsCompleted), "the slow payment reaches the gateway");
        slow.IsCompleted.ShouldBeFalse("the slow payment holds the only slot");

        using var shed = await _host.SendAsync(HttpMethod.Get, "/api/products");
        using var health = await _host.SendAsync(HttpMethod.Get, "/healthz");

        var problem = await ApiHost.ProblemAsync(shed, HttpStatusCode.ServiceUnavailable, "overloaded");
        problem.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        health.StatusCode.ShouldBe(HttpStatusCode.OK, "health stays outside the guard");

        _host.Time!.Advance(TimeSpan.FromSeconds(1));
        using var paid = await slow;
        (await ApiHost.ExpectAsync(paid, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        using var after = await _host.SendAsync(HttpMethod.Get, "/api/products");
        after.StatusCode.ShouldBe(HttpStatusCode.OK, "the slot is free again");
    }
}
