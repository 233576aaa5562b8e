using System.Net;

namespace RunRun.Api.Tests.Infrastructure;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(new Dictionary<string, string>
    {
        ["RunRun:Api:RateLimit:PermitsPerSecond"] = "1",
        ["RunRun:Api:RateLimit:BurstSize"] = "2",
    });

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_OverTheBurst_429RateLimitedWithRetryAfterForThatShopperOnly()
    {
        var seller = await _host.SignUpAsync("seller");
        var productId = await _host.CreateProductAsync(seller, stock: 100, perShopperLimit: 100);
        var hasty = await _host.SignUpAsync();
        var calm = await _host.SignUpAsync();

        // One permit a second and a burst of two: ten requests at once cannot all pass.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _host.PlaceOrderAsync(hasty, _host.Unique("k"), (productId, 1))));
        Problem? limited = null;
        foreach (var response in responses)
        {
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    limited = await ApiHost.ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
                }
            }
        }

        limited.ShouldNotBeNull("the shopper was never limited");
        limited.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        await _host.OrderAsync(calm, (productId, 1));
    }
}
