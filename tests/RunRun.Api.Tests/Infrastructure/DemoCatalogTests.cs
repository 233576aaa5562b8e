using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Sales;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>The README's purchase with curl, request for request, on the demo catalogue (RunRun:Api:DemoCatalog).</summary>
public sealed class DemoCatalogTests(DataFolder folder) : IClassFixture<DataFolder>
{
    private static readonly Dictionary<string, string> Demo = new() { ["RunRun:Api:DemoCatalog"] = "true" };

    private readonly string _dataDirectory = folder.Path;

    [Fact]
    public async Task ReadmeWalkthrough_DemoCatalog_PaysAnOrderAndTheTimeDealOpensAMinuteLater()
    {
        var time = FakeClock.New();
        await using (var host = new ApiHost(Demo, time, _dataDirectory))
        {
            using (var signUp = await host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email = "ann@example.com", displayName = "Ann", password = "ann-password-1" }))
            {
                await ApiHost.ExpectAsync(signUp, HttpStatusCode.Created);
            }

            var ann = new User("ann@example.com", await host.TokenAsync("ann@example.com", "ann-password-1"));
            (await OnSaleAsync(host)).ShouldBe(["demo-cable", "demo-coffee", "demo-keyboard"], ignoreOrder: true);

            string orderId;
            using (var placed = await host.PlaceOrderAsync(ann, "first-order", ("demo-coffee", 2)))
            {
                orderId = (await ApiHost.ExpectAsync(placed, HttpStatusCode.Created))["orderId"]!.GetValue<string>();
            }

            using (var page = await host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}/payment", ann))
            {
                (await ApiHost.ExpectAsync(page, HttpStatusCode.OK))["amountDue"]!["amount"]!.GetValue<long>().ShouldBe(36_000);
            }

            using (var paid = await host.PayAsync(ann, orderId, "card-ok-1", "pay-1"))
            {
                (await ApiHost.ExpectAsync(paid, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
            }

            time.Advance(TimeSpan.FromMinutes(1));
            (await OnSaleAsync(host)).ShouldContain("demo-headphones", "the time deal opens a minute after the first start");
        }

        // A restart on the same folder neither duplicates nor restocks the demo products.
        await using var again = new ApiHost(Demo, time, _dataDirectory);
        (await again.StockAsync("demo-coffee")).ShouldBe(new Stock(98, 0, 2, false));
        (await again.StockAsync("demo-headphones")).ShouldBe(new Stock(10, 0, 0, false));
        (await OnSaleAsync(again)).Count.ShouldBe(4);
    }

    // The process stopped after creating a demo product and before stocking it.
    [Fact]
    public async Task Start_DemoProductCreatedButNeverStocked_GetsItsStock()
    {
        using var data = new DataFolder();
        await using (var host = new ApiHost(dataDirectory: data.Path))
        {
            await host.StartAsync();
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var created = await grains.GetGrain<IProductGrain>("demo-cable").Create(
                new Actor(DemoCatalog.SellerEmail, Roles.Seller),
                new ProductDraft("USB-C cable, 2 m", null, Money.Krw(9_900), ProductKind.General, null, null, 10));
            created.Status.ShouldBe(ProductStatus.Ok);
        }

        await using var demo = new ApiHost(Demo, dataDirectory: data.Path);
        (await demo.StockAsync("demo-cable")).ShouldBe(new Stock(500, 0, 0, false));
        (await demo.StockAsync("demo-coffee")).ShouldBe(new Stock(100, 0, 0, false));
    }

    // A demo started again after its time deal's hour still has a deal: it opens a minute after this
    // start, with its ten units back since they had all been sold; the general products are untouched.
    [Fact]
    public async Task Start_TimeDealSoldOutAndClosed_ReopensAMinuteLaterWithItsUnits()
    {
        using var data = new DataFolder();
        var time = FakeClock.New();
        await using (var first = new ApiHost(Demo, time, data.Path))
        {
            await first.StartAsync();
            time.Advance(TimeSpan.FromMinutes(1));
            var stock = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStockGrain>("demo-headphones");
            for (var i = 0; i < 10; i++)
            {
                (await stock.Reserve(new ReserveRequest($"deal-{i}", $"racer-{i}", 1))).Status.ShouldBe(ReserveStatus.Reserved);
            }

            (await first.StockAsync("demo-headphones")).ShouldBe(new Stock(0, 10, 0, true));
        }

        // The racers' holds may or may not have been audited away by now; what is available is certain.
        time.Advance(TimeSpan.FromHours(2));
        await using (var again = new ApiHost(Demo, time, data.Path))
        {
            (await OnSaleAsync(again)).ShouldNotContain("demo-headphones");
            (await again.StockAsync("demo-headphones")).Available.ShouldBe(10);

            time.Advance(TimeSpan.FromMinutes(1));
            (await OnSaleAsync(again)).ShouldContain("demo-headphones", "the deal opens a minute after this start");
            (await again.StockAsync("demo-coffee")).ShouldBe(new Stock(100, 0, 0, false));
        }

        // A start while the reopened deal is on sale leaves it as it is.
        await using var third = new ApiHost(Demo, time, data.Path);
        (await OnSaleAsync(third)).ShouldContain("demo-headphones");
        (await third.StockAsync("demo-headphones")).Available.ShouldBe(10);
    }

    // Two API replicas starting together on one cluster both find the demo products unstocked.
    [Fact]
    public async Task Start_TwoCataloguesAtOnce_StockEachProductOnce()
    {
        using var data = new DataFolder();
        await using var host = new ApiHost(dataDirectory: data.Path);
        await host.StartAsync();
        var catalogues = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<DemoCatalog>(host.Services)).ToArray();

        await Task.WhenAll(catalogues.Select(c => c.StartAsync(CancellationToken.None)));

        (await host.StockAsync("demo-coffee")).ShouldBe(new Stock(100, 0, 0, false));
        (await host.StockAsync("demo-keyboard")).ShouldBe(new Stock(50, 0, 0, false));
        (await host.StockAsync("demo-cable")).ShouldBe(new Stock(500, 0, 0, false));
    }

    private static async Task<List<string>> OnSaleAsync(ApiHost host)
    {
        using var response = await host.SendAsync(HttpMethod.Get, "/api/products?onSale=true&pageSize=100");
        var list = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
        return [.. list["items"]!.AsArray().Select(p => p!["productId"]!.GetValue<string>())];
    }
}
