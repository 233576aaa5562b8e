using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Sales.Payments.Gateways;

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
    public async Task Pay_OverTheBurst_429RateLimitedWithRetryAfterAndThatPaymentNotMade()
    {
        var productId = await ProductAsync();
        var shopper = await _host.SignUpAsync();
        var orderId = (await _host.OrderAsync(shopper, (productId, 1)))["orderId"]!.GetValue<string>();
        _host.Time!.Advance(TimeSpan.FromSeconds(2));

        // The bucket is full again (two permits): two declined payments use them up.
        foreach (var card in new[] { "card-insufficient", "card-refused" })
        {
            using var declined = await _host.PayAsync(shopper, orderId, _host.Unique(card));
            await ApiHost.ProblemAsync(declined, HttpStatusCode.PaymentRequired, "payment_declined");
        }

        var gateway = _host.Services.GetRequiredService<PaymentSimulator>();
        var goodCard = _host.Unique("card-ok");
        using var refused = await _host.PayAsync(shopper, orderId, goodCard, "pay-when-limited");

        var problem = await ApiHost.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        problem.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        gateway.Log.Count(call => call.Request.OrderId == orderId).ShouldBe(2, "the refused payment never reached the gateway");
        gateway.FindPayment(goodCard).ShouldBeNull();
        gateway.ApprovedCharges(orderId).ShouldBe(0);
        var order = await _host.GetOrderAsync(shopper, orderId);
        order["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        order["paymentAttemptsLeft"]!.GetValue<int>().ShouldBe(3, "only the two declines used attempts");

        // The refused request left no trace, not even its Idempotency-Key: the same request pays once the bucket refills.
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        using var retried = await _host.PayAsync(shopper, orderId, goodCard, "pay-when-limited");
        (await ApiHost.ExpectAsync(retried, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        gateway.ApprovedCharges(orderId).ShouldBe(1);
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
