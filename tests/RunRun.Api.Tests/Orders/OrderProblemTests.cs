using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Api.Tests.Orders;

/// <summary>Each refusal of an order or a payment, as the problem README's table gives it.</summary>
public sealed class OrderProblemTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task Place_NothingLeft_409SoldOut()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var productId = await Host.CreateProductAsync(seller, stock: 0);

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (productId, 1));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "sold_out");
        problem["productId"].ShouldBe(productId);
        (await Host.ListOrdersAsync(shopper))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Place_MoreThanLeft_409InsufficientStockWithAvailable()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var productId = await Host.CreateProductAsync(seller, stock: 2);

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (productId, 3));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "insufficient_stock");
        problem["productId"].ShouldBe(productId);
        problem.Body["available"]!.GetValue<long>().ShouldBe(2);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(2, 0, 0, false));
    }

    [Fact]
    public async Task Place_OverPerShopperLimit_409LimitExceeded()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var productId = await Host.CreateProductAsync(seller, stock: 10, perShopperLimit: 2);
        await Host.OrderAsync(shopper, (productId, 2));

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (productId, 1));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "limit_exceeded");
        problem["productId"].ShouldBe(productId);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(8, 2, 0, false));
        await Host.OrderAsync(await Host.SignUpAsync(), (productId, 2));
    }

    [Fact]
    public async Task Place_TimeDealNotOpenYet_409NotOnSaleWithOpensAt()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var now = TimeProvider.System.GetUtcNow();
        var opensAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddHours(2);
        var productId = await Host.CreateProductAsync(seller, stock: 10, kind: "TimeDeal", saleStartsAt: opensAt, saleEndsAt: opensAt.AddHours(1));
        (await Host.GetProductAsync(productId))["availability"]!["onSaleNow"]!.GetValue<bool>().ShouldBeFalse();

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("k"), (productId, 1));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "not_on_sale");
        problem["productId"].ShouldBe(productId);
        problem.Body["opensAt"]!.GetValue<DateTimeOffset>().ShouldBe(opensAt);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(10, 0, 0, false));
    }

    [Fact]
    public async Task Place_SameKeySameBody_SameOrder()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var productId = await Host.CreateProductAsync(seller, stock: 10);

        using var first = await Host.PlaceOrderAsync(shopper, "double-click", (productId, 2));
        using var second = await Host.PlaceOrderAsync(shopper, "double-click", (productId, 2));

        var firstOrder = await ApiHost.ExpectAsync(first, HttpStatusCode.Created);
        var secondOrder = await ApiHost.ExpectAsync(second, HttpStatusCode.Created);
        secondOrder["orderId"]!.GetValue<string>().ShouldBe(firstOrder["orderId"]!.GetValue<string>());
        (await Host.StockAsync(productId)).ShouldBe(new Stock(8, 2, 0, false));
        (await Host.ListOrdersAsync(shopper))["total"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task Place_SameKeyOtherBody_422IdempotencyConflict()
    {
        var (seller, shopper) = (await Host.SignUpAsync("seller"), await Host.SignUpAsync());
        var productId = await Host.CreateProductAsync(seller, stock: 10);
        await ApiHost.ExpectAsync(await Host.PlaceOrderAsync(shopper, "reused", (productId, 1)), HttpStatusCode.Created);

        using var response = await Host.PlaceOrderAsync(shopper, "reused", (productId, 3));

        await ApiHost.ProblemAsync(response, HttpStatusCode.UnprocessableEntity, "idempotency_conflict");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(9, 1, 0, false));
    }

    [Fact]
    public async Task Place_SameKeyOtherShopper_TwoOrders()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 10);

        var first = await ApiHost.ExpectAsync(await Host.PlaceOrderAsync(await Host.SignUpAsync(), "shared-key", (productId, 1)), HttpStatusCode.Created);
        var second = await ApiHost.ExpectAsync(await Host.PlaceOrderAsync(await Host.SignUpAsync(), "shared-key", (productId, 1)), HttpStatusCode.Created);

        second["orderId"]!.GetValue<string>().ShouldNotBe(first["orderId"]!.GetValue<string>());
        (await Host.StockAsync(productId)).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task Pay_Cancelled_409OrderNotPayable()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();
        using (var cancel = await Host.CancelAsync(shopper, orderId))
        {
            cancel.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var pay = await Host.PayAsync(shopper, orderId, "card-ok-too-late");
        using var cancelAgain = await Host.CancelAsync(shopper, orderId);

        await ApiHost.ProblemAsync(pay, HttpStatusCode.Conflict, "order_not_payable");
        await ApiHost.ProblemAsync(cancelAgain, HttpStatusCode.Conflict, "order_not_payable");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(5, 0, 0, false));
        Host.Services.GetRequiredService<PaymentSimulator>().ApprovedCharges(orderId).ShouldBe(0);
    }

    [Fact]
    public async Task Pay_OutOfAttempts_409OrderNotPayableAndStockBack()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var declined = await Host.PayAsync(shopper, orderId, Host.Unique("card-refused"));
            (await ApiHost.ProblemAsync(declined, HttpStatusCode.PaymentRequired, "payment_declined")).Body["attemptsLeft"]!.GetValue<int>().ShouldBe(5 - attempt);
        }

        using var pay = await Host.PayAsync(shopper, orderId, Host.Unique("card-ok"));

        await ApiHost.ProblemAsync(pay, HttpStatusCode.Conflict, "order_not_payable");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(5, 0, 0, false));
    }

    [Fact]
    public async Task Pay_PaymentSystemBroken_502PaymentFailedOrderStaysPayable()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();

        using var broken = await Host.PayAsync(shopper, orderId, Host.Unique("card-broken"));

        await ApiHost.ProblemAsync(broken, HttpStatusCode.BadGateway, "payment_failed");
        (await Host.GetOrderAsync(shopper, orderId))["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        using var retry = await Host.PayAsync(shopper, orderId, Host.Unique("card-ok"));
        (await ApiHost.ExpectAsync(retry, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(4, 0, 1, false));
    }

    [Theory]
    [InlineData("GET", "/api/orders/o-does-not-exist")]
    [InlineData("GET", "/api/orders/o-does-not-exist/payment")]
    [InlineData("POST", "/api/orders/o-does-not-exist/cancel")]
    [InlineData("GET", "/api/products/p-does-not-exist")]
    [InlineData("GET", "/api/no-such-route")]
    public async Task Unknown_Resource_404NotFound(string method, string path)
    {
        var shopper = await Host.SignUpAsync();

        using var response = await Host.SendAsync(new HttpMethod(method), path, shopper);

        await ApiHost.ProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Pay_UnknownOrder_404NotFound()
    {
        var shopper = await Host.SignUpAsync();

        using var response = await Host.PayAsync(shopper, "o-does-not-exist", "card-ok-x");

        await ApiHost.ProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    private async Task<(User Shopper, string ProductId, string OrderId)> PlacedOrderAsync()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5);
        var shopper = await Host.SignUpAsync();
        var order = await Host.OrderAsync(shopper, (productId, 1));
        return (shopper, productId, order["orderId"]!.GetValue<string>());
    }
}
