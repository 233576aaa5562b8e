using System.Net;
using System.Text.Json.Nodes;

namespace RunRun.Api.Tests.Products;

public sealed class ProductTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    private Task<HttpResponseMessage> RestockAsync(User seller, string productId, long quantity, string idempotencyKey) =>
        Host.SendAsync(HttpMethod.Post, $"/api/products/{productId}/stock", seller, new { quantity }, idempotencyKey);

    [Fact]
    public async Task Create_Seller_201WithLocationAndNoStockYet()
    {
        var seller = await Host.SignUpAsync("seller");

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/products", seller, ApiHost.ProductBody(price: 4_500, perShopperLimit: 3, name: "Green tea"));

        var product = await ApiHost.ExpectAsync(response, HttpStatusCode.Created);
        var productId = product["productId"]!.GetValue<string>();
        response.Headers.Location!.OriginalString.ShouldBe($"/api/products/{productId}");
        product["sellerId"]!.GetValue<string>().ShouldBe(seller.UserId);
        product["name"]!.GetValue<string>().ShouldBe("Green tea");
        product["kind"]!.GetValue<string>().ShouldBe("General");
        product["perShopperLimit"]!.GetValue<int>().ShouldBe(3);
        product["price"]!.ToJsonString().ShouldBe("{\"amount\":4500,\"currency\":\"KRW\"}");
        product["availability"]!["soldOut"]!.GetValue<bool>().ShouldBeTrue();
        (await Host.GetProductAsync(productId))["name"]!.GetValue<string>().ShouldBe("Green tea");
    }

    [Fact]
    public async Task AddStock_Seller_AvailabilityGrows()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);

        var availability = await Host.AddStockAsync(seller, productId, 7);

        availability["available"]!.GetValue<long>().ShouldBe(12);
        availability["soldOut"]!.GetValue<bool>().ShouldBeFalse();
        (await Host.StockAsync(productId)).ShouldBe(new Stock(12, 0, 0, false));
    }

    [Fact]
    public async Task AddStock_SameIdempotencyKeyTwice_AddsOnce()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);

        using var first = await RestockAsync(seller, productId, 7, "restock-1");
        using var retry = await RestockAsync(seller, productId, 7, "restock-1");

        (await ApiHost.ExpectAsync(first, HttpStatusCode.OK))["available"]!.GetValue<long>().ShouldBe(12);
        (await ApiHost.ExpectAsync(retry, HttpStatusCode.OK))["available"]!.GetValue<long>().ShouldBe(12);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(12, 0, 0, false));
    }

    [Fact]
    public async Task AddStock_SameIdempotencyKeyAnotherQuantity_422AndNothingAdded()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);
        using var first = await RestockAsync(seller, productId, 7, "restock-1");
        await ApiHost.ExpectAsync(first, HttpStatusCode.OK);

        using var conflict = await RestockAsync(seller, productId, 8, "restock-1");

        var problem = await ApiHost.ExpectAsync(conflict, HttpStatusCode.UnprocessableEntity);
        problem["code"]!.GetValue<string>().ShouldBe("idempotency_conflict");
        (await Host.StockAsync(productId)).Available.ShouldBe(12);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a,b")]
    public async Task AddStock_MalformedIdempotencyKey_400AndNothingAdded(string key)
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);

        using var response = await RestockAsync(seller, productId, 7, key);

        (await ApiHost.ExpectAsync(response, HttpStatusCode.BadRequest))["code"]!.GetValue<string>().ShouldBe("validation_failed");
        (await Host.StockAsync(productId)).Available.ShouldBe(5);
    }

    [Fact]
    public async Task AddStock_Operator_AnySellersProduct()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 1);

        await Host.AddStockAsync(await api.OperatorAsync(), productId, 4);

        (await Host.StockAsync(productId)).Available.ShouldBe(5);
    }

    [Fact]
    public async Task List_Pages_NewestFirstWithoutOverlap()
    {
        var seller = await Host.SignUpAsync("seller");
        var older = await Host.CreateProductAsync(seller);
        var newer = await Host.CreateProductAsync(seller);

        var first = await ListAsync("/api/products?page=1&pageSize=1");
        var second = await ListAsync("/api/products?page=2&pageSize=1");

        Ids(first).ShouldBe([newer]);
        Ids(second).ShouldBe([older]);
        first["page"]!.GetValue<int>().ShouldBe(1);
        first["pageSize"]!.GetValue<int>().ShouldBe(1);
        second["total"]!.GetValue<int>().ShouldBe(first["total"]!.GetValue<int>());
        first["total"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task List_TimeDealsOnSale_FiltersByKindAndWindow()
    {
        var seller = await Host.SignUpAsync("seller");
        var now = TimeProvider.System.GetUtcNow();
        var open = await Host.CreateProductAsync(seller, kind: "TimeDeal", saleStartsAt: now.AddMinutes(-5), saleEndsAt: now.AddHours(1));
        var later = await Host.CreateProductAsync(seller, kind: "TimeDeal", saleStartsAt: now.AddHours(1));
        var general = await Host.CreateProductAsync(seller);

        var deals = Ids(await ListAsync("/api/products?kind=TimeDeal&pageSize=100"));
        var onSale = Ids(await ListAsync("/api/products?kind=TimeDeal&onSale=true&pageSize=100"));

        deals.ShouldContain(open);
        deals.ShouldContain(later);
        deals.ShouldNotContain(general);
        onSale.ShouldContain(open);
        onSale.ShouldNotContain(later);
        onSale.ShouldNotContain(general);
    }

    private async Task<JsonObject> ListAsync(string path)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, path);
        return await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static string[] Ids(JsonObject list) => [.. list["items"]!.AsArray().Select(p => p!["productId"]!.GetValue<string>())];
}
