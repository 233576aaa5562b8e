using System.Net;

namespace RunRun.Api.Tests.Infrastructure;

public sealed class RateLimitTests : IAsyncLifetime
{
    // The bucket refills from the app's clock, so fake time makes every step exact.
    private readonly ApiHost _host = new(
        new Dictionary<string, string>
        {
            ["RunRun:Api:RateLimit:PermitsPerSecond"] = "1",
            ["RunRun:Api:RateLimit:BurstSize"] = "2",
        },
        time: FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_OverTheBurst_429RateLimitedWithRetryAfterForThatShopperOnly()
    {
        var productId = await ProductAsync();
        var hasty = await _host.SignUpAsync();
        var calm = await _host.SignUpAsync();

        // One permit a second and a burst of two: ten requests at once, two pass.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _host.PlaceOrderAsync(hasty, _host.Unique("k"), (productId, 1))));
        var limited = new List<Problem>();
        foreach (var response in responses)
        {
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    limited.Add(await ApiHost.ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited"));
                }
            }
        }

        limited.Count.ShouldBe(8);
        limited.ShouldAllBe(problem => problem.Headers.RetryAfter!.Delta == TimeSpan.FromSeconds(1));
        await _host.OrderAsync(calm, (productId, 1));
        (await _host.StockAsync(productId)).Reserved.ShouldBe(3, "refused requests reserve nothing");
    }

    [Fact]
    public async Task Place_AfterWaitingWhatRetryAfterSaid_Passes()
    {
        var productId = await ProductAsync();
        var shopper = await _host.SignUpAsync();
        await _host.OrderAsync(shopper, (productId, 1));
        await _host.OrderAsync(shopper, (productId, 1));
        using var refused = await _host.PlaceOrderAsync(shopper, _host.Unique("k"), (productId, 1));
        await ApiHost.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");

        _host.Time!.Advance(TimeSpan.FromMilliseconds(999));
        using var early = await _host.PlaceOrderAsync(shopper, _host.Unique("k"), (productId, 1));
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var onTime = await _host.PlaceOrderAsync(shopper, _host.Unique("k"), (productId, 1));

        early.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        onTime.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ListOrders_ManyTimesOverTheBurst_NeverLimited()
    {
        var shopper = await _host.SignUpAsync();

        for (var i = 0; i < 5; i++)
        {
            using var response = await _host.SendAsync(HttpMethod.Get, "/api/orders", shopper);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    private async Task<string> ProductAsync()
    {
        var seller = await _host.SignUpAsync("seller");
        return await _host.CreateProductAsync(seller, stock: 100, perShopperLimit: 100);
    }
}
