using System.Net;
using System.Text.Json.Nodes;

namespace RunRun.Api.Tests.Orders;

/// <summary>GET /api/orders past its first page. Rate limits are lifted: the tests place many orders as one shopper.</summary>
public sealed class OrderListTests(OrderListTests.Fixture api) : IClassFixture<OrderListTests.Fixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task ListOrders_FiveOrdersInPagesOfTwo_NewestFirstWithTheTotalAndNoOneElsesOrders()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 100, perShopperLimit: 50);
        var shopper = await Host.SignUpAsync();
        var neighbour = await Host.SignUpAsync();
        var placed = new List<string>();
        var theirs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add(await OrderIdAsync(shopper, productId));
            theirs.Add(await OrderIdAsync(neighbour, productId));
        }

        var newestFirst = Enumerable.Reverse(placed).ToArray();
        var pages = new List<JsonObject>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await Host.ListOrdersAsync(shopper, page, pageSize: 2));
        }

        Ids(pages[0]).ShouldBe(newestFirst[0..2]);
        Ids(pages[1]).ShouldBe(newestFirst[2..4]);
        Ids(pages[2]).ShouldBe(newestFirst[4..5]);
        Ids(pages[3]).ShouldBeEmpty("a page past the end is empty");
        for (var page = 1; page <= 4; page++)
        {
            var list = pages[page - 1];
            list["total"]!.GetValue<int>().ShouldBe(5, $"page {page}");
            list["page"]!.GetValue<int>().ShouldBe(page);
            list["pageSize"]!.GetValue<int>().ShouldBe(2);
            list["items"]!.AsArray().ShouldAllBe(order => order!["shopperId"]!.GetValue<string>() == shopper.UserId);
        }

        var all = await Host.ListOrdersAsync(neighbour, pageSize: 100);
        Ids(all).ShouldBe(Enumerable.Reverse(theirs).ToList());
        Ids(all).ShouldNotContain(id => placed.Contains(id));
    }

    [Fact]
    public async Task ListOrders_MoreOrdersThanTheShopperKeepsInItsRecentList_EveryPageInOrder()
    {
        // The shopper grain moves its older history out in pages of 20 once 40 are recent, so
        // 45 orders read in pages of 7 cross both that move and the pages' seams.
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 100, perShopperLimit: 100);
        var shopper = await Host.SignUpAsync();
        var placed = new List<string>();
        for (var i = 0; i < 45; i++)
        {
            placed.Add(await OrderIdAsync(shopper, productId));
        }

        var read = new List<string>();
        for (var page = 1; page <= 7; page++)
        {
            var list = await Host.ListOrdersAsync(shopper, page, pageSize: 7);
            list["total"]!.GetValue<int>().ShouldBe(45);
            read.AddRange(Ids(list));
        }

        read.ShouldBe(Enumerable.Reverse(placed).ToList());
    }

    private async Task<string> OrderIdAsync(User shopper, string productId) =>
        (await Host.OrderAsync(shopper, (productId, 1)))["orderId"]!.GetValue<string>();

    private static List<string> Ids(JsonObject list) => [.. list["items"]!.AsArray().Select(order => order!["orderId"]!.GetValue<string>())];

    public sealed class Fixture : IAsyncLifetime
    {
        public ApiHost Host { get; } = new(new Dictionary<string, string>
        {
            ["RunRun:Api:RateLimit:PermitsPerSecond"] = "10000",
            ["RunRun:Api:RateLimit:BurstSize"] = "10000",
        });

        public Task InitializeAsync() => Host.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
