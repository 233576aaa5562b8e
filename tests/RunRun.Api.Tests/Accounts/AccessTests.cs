using System.Net;
using System.Security.Cryptography;

namespace RunRun.Api.Tests.Accounts;

public sealed class AccessTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/accounts/me" },
        { "GET", "/api/orders" },
        { "POST", "/api/orders" },
        { "GET", "/api/orders/o-1" },
        { "GET", "/api/orders/o-1/payment" },
        { "POST", "/api/orders/o-1/payment" },
        { "POST", "/api/orders/o-1/cancel" },
        { "POST", "/api/products" },
        { "PUT", "/api/products/p-1" },
        { "POST", "/api/products/p-1/stock" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task ProtectedRoute_NoToken_401Unauthorized(string method, string path)
    {
        using var response = await Host.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = ApiHost.Json("{}") }, idempotencyKey: "k-1");

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        problem.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Token_MintedWithTheDevelopmentKey_Accepted()
    {
        // The control for the refusals below: the minting itself is right.
        var user = await Host.SignUpAsync();
        var token = Tokens.Mint(Tokens.DevelopmentKey(Host), user.Email);

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, token));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_SignedWithAnotherKey_401()
    {
        var user = await Host.SignUpAsync();
        var forged = Tokens.Mint(RandomNumberGenerator.GetBytes(64), user.Email);

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, forged));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        problem.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Theory]
    [InlineData("runrun", "some-other-api")]
    [InlineData("someone-else", "runrun-api")]
    public async Task Token_RightKeyWrongAudienceOrUnknownIssuer_401(string issuer, string audience)
    {
        var user = await Host.SignUpAsync();
        var token = Tokens.Mint(Tokens.DevelopmentKey(Host), user.Email, issuer: issuer, audience: audience);

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, token));

        await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Token_Garbage_401(string token)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User("x", token));

        await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task OtherShoppersOrder_EveryRoute_404AndTheOrderUntouched()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);
        var owner = await Host.SignUpAsync();
        var intruder = await Host.SignUpAsync();
        var orderId = (await Host.OrderAsync(owner, (productId, 1)))["orderId"]!.GetValue<string>();

        using var read = await Host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", intruder);
        using var page = await Host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}/payment", intruder);
        using var pay = await Host.PayAsync(intruder, orderId, "card-ok-intruder");
        using var cancel = await Host.CancelAsync(intruder, orderId);

        foreach (var response in new[] { read, page, pay, cancel })
        {
            await ApiHost.ProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        }

        (await Host.GetOrderAsync(owner, orderId))["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(4, 1, 0, false));
        (await Host.ListOrdersAsync(intruder))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Operator_OtherShoppersOrder_CanReadAndCancel()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 2);
        var owner = await Host.SignUpAsync();
        var orderId = (await Host.OrderAsync(owner, (productId, 1)))["orderId"]!.GetValue<string>();
        var op = await api.OperatorAsync();

        (await Host.GetOrderAsync(op, orderId))["shopperId"]!.GetValue<string>().ShouldBe(owner.UserId);
        using var cancel = await Host.CancelAsync(op, orderId);

        (await ApiHost.ExpectAsync(cancel, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Cancelled");
        (await Host.StockAsync(productId)).Available.ShouldBe(2);
    }

    [Fact]
    public async Task Seller_AnotherSellersProduct_403OnEditAndStockAndNothingChanges()
    {
        var owner = await Host.SignUpAsync("seller");
        var rival = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(owner, stock: 3);

        using var edit = await Host.SendAsync(HttpMethod.Put, $"/api/products/{productId}", rival, ApiHost.ProductBody(price: 1, name: "Hijacked"));
        using var stock = await Host.SendAsync(HttpMethod.Post, $"/api/products/{productId}/stock", rival, new { quantity = 100 });

        await ApiHost.ProblemAsync(edit, HttpStatusCode.Forbidden, "forbidden");
        await ApiHost.ProblemAsync(stock, HttpStatusCode.Forbidden, "forbidden");
        var product = await Host.GetProductAsync(productId);
        product["name"]!.GetValue<string>().ShouldBe("Test product");
        product["price"]!["amount"]!.GetValue<long>().ShouldBe(10_000);
        product["availability"]!["available"]!.GetValue<long>().ShouldBe(3);
    }

    [Fact]
    public async Task Operator_AnotherSellersProduct_EditAndStockAcceptedAndVisible()
    {
        var owner = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(owner, stock: 3);
        var op = await api.OperatorAsync();

        using var edit = await Host.SendAsync(HttpMethod.Put, $"/api/products/{productId}", op, ApiHost.ProductBody(price: 6_500, perShopperLimit: 2, name: "Fixed by ops"));
        using var stock = await Host.SendAsync(HttpMethod.Post, $"/api/products/{productId}/stock", op, new { quantity = 4 });

        var edited = await ApiHost.ExpectAsync(edit, HttpStatusCode.OK);
        edited["name"]!.GetValue<string>().ShouldBe("Fixed by ops");
        edited["sellerId"]!.GetValue<string>().ShouldBe(owner.UserId, "an operator's edit leaves the product with its seller");
        (await ApiHost.ExpectAsync(stock, HttpStatusCode.OK))["available"]!.GetValue<long>().ShouldBe(7);
        var product = await Host.GetProductAsync(productId);
        product["name"]!.GetValue<string>().ShouldBe("Fixed by ops");
        product["price"]!["amount"]!.GetValue<long>().ShouldBe(6_500);
        product["perShopperLimit"]!.GetValue<int>().ShouldBe(2);
        product["sellerId"]!.GetValue<string>().ShouldBe(owner.UserId);
        product["availability"]!["available"]!.GetValue<long>().ShouldBe(7);
        using var ownerEdit = await Host.SendAsync(HttpMethod.Put, $"/api/products/{productId}", owner, ApiHost.ProductBody(name: "Owner again"));
        ownerEdit.StatusCode.ShouldBe(HttpStatusCode.OK, "the seller still owns it");
    }

    [Fact]
    public async Task Seller_OwnProduct_EditAccepted()
    {
        var owner = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(owner, stock: 3);

        using var edit = await Host.SendAsync(HttpMethod.Put, $"/api/products/{productId}", owner, ApiHost.ProductBody(price: 7_000, name: "Renamed"));

        var product = await ApiHost.ExpectAsync(edit, HttpStatusCode.OK);
        product["name"]!.GetValue<string>().ShouldBe("Renamed");
        product["price"]!["amount"]!.GetValue<long>().ShouldBe(7_000);
        product["sellerId"]!.GetValue<string>().ShouldBe(owner.UserId);
    }

    [Fact]
    public async Task Shopper_CreatesOrStocksProduct_403()
    {
        var shopper = await Host.SignUpAsync();
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 1);
        using var before = await Host.SendAsync(HttpMethod.Get, "/api/products?pageSize=1");
        var total = (await ApiHost.ExpectAsync(before, HttpStatusCode.OK))["total"]!.GetValue<int>();

        using var create = await Host.SendAsync(HttpMethod.Post, "/api/products", shopper, ApiHost.ProductBody());
        using var stock = await Host.SendAsync(HttpMethod.Post, $"/api/products/{productId}/stock", shopper, new { quantity = 5 });

        await ApiHost.ProblemAsync(create, HttpStatusCode.Forbidden, "forbidden");
        await ApiHost.ProblemAsync(stock, HttpStatusCode.Forbidden, "forbidden");
        using var after = await Host.SendAsync(HttpMethod.Get, "/api/products?pageSize=1");
        (await ApiHost.ExpectAsync(after, HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(total);
        (await Host.StockAsync(productId)).Available.ShouldBe(1);
    }
}
