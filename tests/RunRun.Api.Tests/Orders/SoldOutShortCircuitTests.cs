using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Api.Orders;
using RunRun.Api.Tests.Operations;

namespace RunRun.Api.Tests.Orders;

public sealed class SoldOutShortCircuitTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string SoldOutSeries = "runrun_reservations_total{outcome=\"sold_out\"}";
    // Order grains only: a background call elsewhere in the shared host may activate another grain meanwhile.
    private const string ActiveOrderGrainsSeries = "runrun_active_grains_by_type{type=\"order\"}";

    private ApiHost Host => api.Host;

    [Fact]
    public async Task Place_AfterSellOut_AnsweredWithoutAGrainCallUntilRestocked()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 1);
        await Host.OrderAsync(await Host.SignUpAsync(), (productId, 1));
        var late = await Host.SignUpAsync();
        using (var first = await Host.PlaceOrderAsync(late, Host.Unique("k"), (productId, 1)))
        {
            (await ApiHost.ProblemAsync(first, HttpStatusCode.Conflict, "sold_out"))["productId"].ShouldBe(productId);
        }

        Host.Services.GetRequiredService<SoldOutCache>().IsSoldOut(productId).ShouldBeTrue("the stock grain's answer is remembered");
        var before = await MetricsText.ScrapeAsync(Host);

        using var next = await Host.PlaceOrderAsync(late, Host.Unique("k"), (productId, 1));

        (await ApiHost.ProblemAsync(next, HttpStatusCode.Conflict, "sold_out"))["productId"].ShouldBe(productId);
        var after = await MetricsText.ScrapeAsync(Host);
        MetricsText.Value(after, SoldOutSeries).ShouldBe(MetricsText.Value(before, SoldOutSeries) + 1);
        MetricsText.Value(after, ActiveOrderGrainsSeries).ShouldBe(MetricsText.Value(before, ActiveOrderGrainsSeries), "no order grain was activated for the refused order");

        await Host.AddStockAsync(seller, productId, 2);
        var order = await Host.OrderAsync(late, (productId, 1));

        order["lines"]!.AsArray().Single()!["productId"]!.GetValue<string>().ShouldBe(productId);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(1, 2, 0, false));
    }

    [Fact]
    public async Task Place_SoldOutProductInAMultiLineOrder_RefusedAndOtherLinesUntouched()
    {
        var seller = await Host.SignUpAsync("seller");
        var gone = await Host.CreateProductAsync(seller, stock: 0);
        var other = await Host.CreateProductAsync(seller, stock: 4);
        var shopper = await Host.SignUpAsync();
        using (var first = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (gone, 1)))
        {
            await ApiHost.ProblemAsync(first, HttpStatusCode.Conflict, "sold_out");
        }

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (other, 1), (gone, 1));

        (await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "sold_out"))["productId"].ShouldBe(gone);
        (await Host.StockAsync(other)).ShouldBe(new Stock(4, 0, 0, false));
    }

    [Fact]
    public async Task Place_RetryOfAnOrderPlacedBeforeTheSellOut_ReachesItsGrain()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 1);
        var winner = await Host.SignUpAsync();
        var key = Host.Unique("k");
        string orderId;
        using (var placed = await Host.PlaceOrderAsync(winner, key, (productId, 1)))
        {
            orderId = (await ApiHost.ExpectAsync(placed, HttpStatusCode.Created))["orderId"]!.GetValue<string>();
        }

        using (var late = await Host.PlaceOrderAsync(await Host.SignUpAsync(), Host.Unique("k"), (productId, 1)))
        {
            await ApiHost.ProblemAsync(late, HttpStatusCode.Conflict, "sold_out");
        }

        Host.Services.GetRequiredService<SoldOutCache>().IsSoldOut(productId).ShouldBeTrue();

        // The winner's response was lost, say, and the client sends the same request again.
        using (var retry = await Host.PlaceOrderAsync(winner, key, (productId, 1)))
        {
            (await ApiHost.ExpectAsync(retry, HttpStatusCode.Created))["orderId"]!.GetValue<string>().ShouldBe(orderId);
        }

        using (var otherBody = await Host.PlaceOrderAsync(winner, key, (productId, 2)))
        {
            await ApiHost.ProblemAsync(otherBody, (HttpStatusCode)422, "idempotency_conflict");
        }

        var newcomer = await Host.SignUpAsync();
        var before = await MetricsText.ScrapeAsync(Host);
        using var refused = await Host.PlaceOrderAsync(newcomer, Host.Unique("k"), (productId, 1));

        await ApiHost.ProblemAsync(refused, HttpStatusCode.Conflict, "sold_out");
        var after = await MetricsText.ScrapeAsync(Host);
        MetricsText.Value(after, ActiveOrderGrainsSeries).ShouldBe(MetricsText.Value(before, ActiveOrderGrainsSeries), "a new order is still refused without a grain");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(0, 1, 0, true));
    }

    [Fact]
    public async Task Recheck_StockFreedByACancel_ForgetsTheProduct()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 1);
        var winner = await Host.SignUpAsync();
        var orderId = (await Host.OrderAsync(winner, (productId, 1)))["orderId"]!.GetValue<string>();
        var late = await Host.SignUpAsync();
        using (var refused = await Host.PlaceOrderAsync(late, Host.Unique("k"), (productId, 1)))
        {
            await ApiHost.ProblemAsync(refused, HttpStatusCode.Conflict, "sold_out");
        }

        using (var cancelled = await Host.CancelAsync(winner, orderId))
        {
            await ApiHost.ExpectAsync(cancelled, HttpStatusCode.OK);
        }

        var cache = Host.Services.GetRequiredService<SoldOutCache>();
        await cache.RecheckAsync(CancellationToken.None);

        cache.IsSoldOut(productId).ShouldBeFalse("the cancel gave the unit back");
        await Host.OrderAsync(late, (productId, 1));
    }
}
