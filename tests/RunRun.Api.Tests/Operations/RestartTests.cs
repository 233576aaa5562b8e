using System.Net;

namespace RunRun.Api.Tests.Operations;

/// <summary>What the API acknowledged is on disk: a new process on the same data folder carries on.</summary>
public sealed class RestartTests(DataFolder folder) : IClassFixture<DataFolder>
{
    private readonly string _dataDirectory = folder.Path;

    [Fact]
    public async Task Restart_SameDataFolder_OrdersStockAndAccountsSurvive()
    {
        User seller, shopper;
        string productId, paidOrderId, openOrderId;
        await using (var first = new ApiHost(dataDirectory: _dataDirectory))
        {
            seller = await first.SignUpAsync("seller");
            shopper = await first.SignUpAsync();
            productId = await first.CreateProductAsync(seller, stock: 10, price: 3_000);
            paidOrderId = (await first.OrderAsync(shopper, (productId, 2)))["orderId"]!.GetValue<string>();
            using (var firstPay = await first.PayAsync(shopper, paidOrderId, first.Unique("card-ok")))
            {
                firstPay.StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            openOrderId = (await first.OrderAsync(shopper, (productId, 3)))["orderId"]!.GetValue<string>();
            (await first.StockAsync(productId)).ShouldBe(new Stock(5, 3, 2, false));
        }

        await using var second = new ApiHost(dataDirectory: _dataDirectory);

        (await second.StockAsync(productId)).ShouldBe(new Stock(5, 3, 2, false));
        (await second.GetOrderAsync(shopper, paidOrderId))["state"]!.GetValue<string>().ShouldBe("Paid");
        (await second.GetOrderAsync(shopper, openOrderId))["state"]!.GetValue<string>().ShouldBe("AwaitingPayment");
        var orders = await second.ListOrdersAsync(shopper);
        orders["total"]!.GetValue<int>().ShouldBe(2);
        orders["items"]!.AsArray().Select(o => o!["orderId"]!.GetValue<string>()).ShouldBe([openOrderId, paidOrderId], "newest first");
        (await second.TokenAsync(shopper.Email, ApiHost.Password)).ShouldNotBeNullOrEmpty("the account survived");

        using var pay = await second.PayAsync(shopper, openOrderId, second.Unique("card-ok"));
        (await ApiHost.ExpectAsync(pay, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Paid");
        // Tokens from before the restart still work: the signing key is kept in the data folder.
        await second.AddStockAsync(seller, productId, 1);
        (await second.StockAsync(productId)).ShouldBe(new Stock(6, 0, 5, false));
    }

    // The simulated provider is part of the embedded default: a charge it approved before a restart
    // must still be there to refund afterwards, as at a real provider.
    [Fact]
    public async Task Restart_OrderPaidBefore_CancelledAfterIsRefundedOnceAndItsStockReturns()
    {
        User shopper;
        string productId, orderId;
        await using (var first = new ApiHost(dataDirectory: _dataDirectory))
        {
            var seller = await first.SignUpAsync("seller");
            shopper = await first.SignUpAsync();
            productId = await first.CreateProductAsync(seller, stock: 4, price: 2_500);
            orderId = (await first.OrderAsync(shopper, (productId, 3)))["orderId"]!.GetValue<string>();
            using var pay = await first.PayAsync(shopper, orderId, first.Unique("card-ok"), idempotencyKey: "pay-before-restart");
            pay.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await using var second = new ApiHost(dataDirectory: _dataDirectory);

        using var cancel = await second.CancelAsync(shopper, orderId);
        (await ApiHost.ExpectAsync(cancel, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Refunded");
        (await second.StockAsync(productId)).ShouldBe(new Stock(4, 0, 0, false));
        using var payAgain = await second.PayAsync(shopper, orderId, second.Unique("card-ok"), idempotencyKey: "pay-before-restart");
        (await ApiHost.ExpectAsync(payAgain, HttpStatusCode.OK))["state"]!.GetValue<string>().ShouldBe("Refunded", "a repeated pay request replays; it charges nothing");
    }
}
