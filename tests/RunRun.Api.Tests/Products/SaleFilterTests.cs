using System.Net;
using System.Text.Json.Nodes;

namespace RunRun.Api.Tests.Products;

/// <summary>
/// The catalogue's onSale filter, on a host of its own and a fake clock, so the catalogue holds only
/// this test's products and "now" is known: true and false split it, absent lists it all.
/// </summary>
public sealed class SaleFilterTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(time: FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_OnSaleTrueFalseOrAbsent_OnSaleNowItsComplementOrAll()
    {
        var seller = await _host.SignUpAsync("seller");
        var start = _host.Time!.GetUtcNow();
        var ended = await CreateAsync(seller, "TimeDeal", start, start.AddHours(1));
        var open = await CreateAsync(seller, "TimeDeal", start, start.AddHours(5));
        var upcoming = await CreateAsync(seller, "TimeDeal", start.AddHours(3), null);
        var general = await CreateAsync(seller, "General", null, null);
        _host.Time.Advance(TimeSpan.FromHours(2));

        var all = await ListAsync("");
        var onSale = await ListAsync("?onSale=true");
        var notOnSale = await ListAsync("?onSale=false");

        Ids(all).ShouldBe([general, upcoming, open, ended]);
        all["total"]!.GetValue<int>().ShouldBe(4);
        Ids(onSale).ShouldBe([general, open]);
        onSale["total"]!.GetValue<int>().ShouldBe(2);
        Ids(notOnSale).ShouldBe([upcoming, ended]);
        notOnSale["total"]!.GetValue<int>().ShouldBe(2);
        notOnSale["items"]!.AsArray().ShouldAllBe(product => !product!["availability"]!["onSaleNow"]!.GetValue<bool>());
    }

    [Fact]
    public async Task List_OnSaleFalse_PagesAndCombinesWithKindLikeOnSaleTrue()
    {
        var seller = await _host.SignUpAsync("seller");
        var start = _host.Time!.GetUtcNow();
        var first = await CreateAsync(seller, "TimeDeal", start.AddHours(1), null);
        var second = await CreateAsync(seller, "TimeDeal", start.AddHours(1), null);
        var closed = await CreateAsync(seller, "General", start.AddDays(-2), start.AddDays(-1));
        await CreateAsync(seller, "TimeDeal", start, null);

        var page1 = await ListAsync("?onSale=false&pageSize=2&page=1");
        var page2 = await ListAsync("?onSale=false&pageSize=2&page=2");
        var deals = await ListAsync("?onSale=false&kind=TimeDeal");

        Ids(page1).ShouldBe([closed, second]);
        Ids(page2).ShouldBe([first]);
        page2["page"]!.GetValue<int>().ShouldBe(2);
        page2["pageSize"]!.GetValue<int>().ShouldBe(2);
        page2["total"]!.GetValue<int>().ShouldBe(3);
        Ids(deals).ShouldBe([second, first]);
    }

    /// <summary>Creates a product a minute after the previous one, so newest-first order is known.</summary>
    private async Task<string> CreateAsync(User seller, string kind, DateTimeOffset? saleStartsAt, DateTimeOffset? saleEndsAt)
    {
        _host.Time!.Advance(TimeSpan.FromMinutes(1));
        return await _host.CreateProductAsync(seller, kind: kind, saleStartsAt: saleStartsAt, saleEndsAt: saleEndsAt);
    }

    private async Task<JsonObject> ListAsync(string query)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/api/products" + query);
        return await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static string[] Ids(JsonObject list) => [.. list["items"]!.AsArray().Select(product => product!["productId"]!.GetValue<string>())];
}
