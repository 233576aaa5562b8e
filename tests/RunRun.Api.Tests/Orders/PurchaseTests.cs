using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Api.Tests.Orders;

/// <summary>The seed flow end to end: sign up, token, browse, order, payment page, pay; and the ways it ends.</summary>
public sealed class PurchaseTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    private PaymentSimulator Gateway => Host.Services.GetRequiredService<PaymentSimulator>();

    [Fact]
    public async Task FullPurchase_SignUpToPaid_OrderPaidAndStockSold()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5, price: 12_000);
        var email = Host.Unique("buyer") + "@runrun.test";
        using (var signUp = await Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email, displayName = "Buyer", password = ApiHost.Password }))
        {
            signUp.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var shopper = new User(email, await Host.TokenAsync(email, ApiHost.Password));

        using var list = await Host.SendAsync(HttpMethod.Get, "/api/products?page=1&pageSize=20");
        var listed = (await ApiHost.ExpectAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Single(p => p!["productId"]!.GetValue<string>() == productId)!;
        listed["availability"]!["available"]!.GetValue<long>().ShouldBe(5);
        listed["availability"]!["onSaleNow"]!.GetValue<bool>().ShouldBeTrue();

        var order = await Host.OrderAsync(shopper, (productId, 2));
        var orderId = order["orderId"]!.GetValue<string>();
        order["total"]!["amount"]!.GetValue<long>().ShouldBe(24_000);
        order["total"]!["currency"]!.GetValue<string>().ShouldBe("KRW");
        order["shopperId"]!.GetValue<string>().ShouldBe(shopper.UserId);
        (order["paymentDeadline"]!.GetValue<DateTimeOffset>() - order["createdAt"]!.GetValue<DateTimeOffset>()).ShouldBe(TimeSpan.FromMinutes(10));
        (await Host.StockAsync(productId)).ShouldBe(new Stock(3, 2, 0, false));

        using var pageResponse = await Host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}/payment", shopper);
        var page = await ApiHost.ExpectAsync(pageResponse, HttpStatusCode.OK);
        page["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        page["amountDue"]!["amount"]!.GetValue<long>().ShouldBe(24_000);
        page["attemptsLeft"]!.GetValue<int>().ShouldBe(5);
        page["paymentDeadline"]!.GetValue<DateTimeOffset>().ShouldBe(order["paymentDeadline"]!.GetValue<DateTimeOffset>());

        using var pay = await Host.PayAsync(shopper, orderId, Host.Unique("card-ok"));

        (await ApiHost.ExpectAsync(pay, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        (await Host.GetOrderAsync(shopper, orderId))["state"]!.GetValue<string>().ShouldBe("Paid");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(3, 0, 2, false));
        Gateway.ApprovedCharges(orderId).ShouldBe(1);
        var mine = await Host.ListOrdersAsync(shopper);
        mine["total"]!.GetValue<int>().ShouldBe(1);
        mine["items"]!.AsArray().Single()!["orderId"]!.GetValue<string>().ShouldBe(orderId);
        using var paidPage = await Host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}/payment", shopper);
        (await ApiHost.ExpectAsync(paidPage, HttpStatusCode.OK))["amountDue"]!["amount"]!.GetValue<long>().ShouldBe(0);
    }

    [Fact]
    public async Task Pay_DeclinedThenGoodCard_402ThenPaid()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();

        using var declined = await Host.PayAsync(shopper, orderId, Host.Unique("card-insufficient"));

        var problem = await ApiHost.ProblemAsync(declined, HttpStatusCode.PaymentRequired, "payment_declined");
        problem.Body["attemptsLeft"]!.GetValue<int>().ShouldBe(4);
        (await Host.GetOrderAsync(shopper, orderId))["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(4, 1, 0, false));

        using var paid = await Host.PayAsync(shopper, orderId, Host.Unique("card-ok"));

        var order = await ApiHost.ExpectAsync(paid, HttpStatusCode.OK);
        order["state"]!.GetValue<string>().ShouldBe("Paid");
        order["paymentAttempts"]!.GetValue<int>().ShouldBe(1);
        (await Host.StockAsync(productId)).ShouldBe(new Stock(4, 0, 1, false));
    }

    [Fact]
    public async Task Pay_SameIdempotencyKeyTwice_ChargedOnce()
    {
        var (shopper, _, orderId) = await PlacedOrderAsync();
        var card = Host.Unique("card-ok");

        using var first = await Host.PayAsync(shopper, orderId, card, "pay-once");
        using var second = await Host.PayAsync(shopper, orderId, card, "pay-once");

        (await ApiHost.ExpectAsync(first, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        (await ApiHost.ExpectAsync(second, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        Gateway.ApprovedCharges(orderId).ShouldBe(1);
    }

    [Fact]
    public async Task Cancel_Unpaid_CancelledAndStockBack()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();

        using var cancel = await Host.CancelAsync(shopper, orderId);

        (await ApiHost.ExpectAsync(cancel, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Cancelled");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(5, 0, 0, false));
    }

    [Fact]
    public async Task Cancel_AfterPay_RefundedAndStockBack()
    {
        var (shopper, productId, orderId) = await PlacedOrderAsync();
        var card = Host.Unique("card-ok");
        using (var pay = await Host.PayAsync(shopper, orderId, card))
        {
            pay.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await Host.StockAsync(productId)).ShouldBe(new Stock(4, 0, 1, false));

        using var cancel = await Host.CancelAsync(shopper, orderId);

        (await ApiHost.ExpectAsync(cancel, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Refunded");
        (await Host.GetOrderAsync(shopper, orderId))["state"]!.GetValue<string>().ShouldBe("Refunded");
        (await Host.StockAsync(productId)).ShouldBe(new Stock(5, 0, 0, false));
        Gateway.FindPayment(card)!.IsCanceled.ShouldBeTrue("the charge was refunded at the gateway");
    }

    [Fact]
    public async Task Place_TwoProducts_OneOrderPricedAsTheSum()
    {
        var seller = await Host.SignUpAsync("seller");
        var coffee = await Host.CreateProductAsync(seller, stock: 10, price: 18_000);
        var cable = await Host.CreateProductAsync(seller, stock: 10, price: 9_900);
        var shopper = await Host.SignUpAsync();

        var order = await Host.OrderAsync(shopper, (coffee, 1), (cable, 3));

        order["total"]!["amount"]!.GetValue<long>().ShouldBe(18_000 + 3 * 9_900);
        order["lines"]!.AsArray().Select(l => (l!["productId"]!.GetValue<string>(), l["quantity"]!.GetValue<int>(), l["unitPrice"]!["amount"]!.GetValue<long>()))
            .ShouldBe([(coffee, 1, 18_000L), (cable, 3, 9_900L)]);
        (await Host.StockAsync(coffee)).Reserved.ShouldBe(1);
        (await Host.StockAsync(cable)).Reserved.ShouldBe(3);
    }

    [Fact]
    public async Task Place_OneLineSoldOut_409SoldOutNamingItAndOtherLinesReleased()
    {
        var seller = await Host.SignUpAsync("seller");
        var plenty = await Host.CreateProductAsync(seller, stock: 5);
        var alsoPlenty = await Host.CreateProductAsync(seller, stock: 5);
        var scarce = await Host.CreateProductAsync(seller, stock: 1);
        await Host.OrderAsync(await Host.SignUpAsync(), (scarce, 1));
        var shopper = await Host.SignUpAsync();

        using var response = await Host.PlaceOrderAsync(shopper, Host.Unique("order"), (plenty, 2), (scarce, 1), (alsoPlenty, 1));

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "sold_out");
        problem["productId"].ShouldBe(scarce);
        var refused = problem.Body["lines"]!.AsArray().Single()!;
        refused["productId"]!.GetValue<string>().ShouldBe(scarce);
        refused["code"]!.GetValue<string>().ShouldBe("sold_out");
        (await Host.StockAsync(plenty)).ShouldBe(new Stock(5, 0, 0, false));
        (await Host.StockAsync(alsoPlenty)).ShouldBe(new Stock(5, 0, 0, false));
        (await Host.StockAsync(scarce)).ShouldBe(new Stock(0, 1, 0, true));
    }

    private async Task<(User Shopper, string ProductId, string OrderId)> PlacedOrderAsync()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 5, price: 5_000);
        var shopper = await Host.SignUpAsync();
        var order = await Host.OrderAsync(shopper, (productId, 1));
        return (shopper, productId, order["orderId"]!.GetValue<string>());
    }
}
