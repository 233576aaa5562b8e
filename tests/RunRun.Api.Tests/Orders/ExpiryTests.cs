using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Testing;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Api.Tests.Orders;

/// <summary>An unpaid order expires by its reminder, on a fake clock.</summary>
public sealed class ExpiryTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(time: FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pay_AfterDeadlineAndReminder_409OrderExpiredStockBackNothingCharged()
    {
        var seller = await _host.SignUpAsync("seller");
        var productId = await _host.CreateProductAsync(seller, stock: 3);
        var shopper = await _host.SignUpAsync();
        var orderId = (await _host.OrderAsync(shopper, (productId, 2)))["orderId"]!.GetValue<string>();
        (await _host.StockAsync(productId)).ShouldBe(new Stock(1, 2, 0, false));

        // The deadline (10 minutes) plus one reminder period (1 minute), a minute at a time so each
        // reminder tick lands at its own time; nobody calls the order meanwhile, so only the reminder can end it.
        for (var minute = 0; minute < 12; minute++)
        {
            _host.Time!.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }

        await Eventually.TrueAsync(
            async () => (await _host.GetOrderAsync(shopper, orderId))["state"]!.GetValue<string>() == "Expired",
            "the expiry reminder ends the order");
        (await _host.StockAsync(productId)).ShouldBe(new Stock(3, 0, 0, false));

        using var late = await _host.PayAsync(shopper, orderId, "card-ok-late");

        await ApiHost.ProblemAsync(late, HttpStatusCode.Conflict, "order_expired");
        _host.Services.GetRequiredService<PaymentSimulator>().Calls.ShouldBe(0);
        using var page = await _host.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}/payment", shopper);
        var payment = await ApiHost.ExpectAsync(page, HttpStatusCode.OK);
        payment["state"]!.GetValue<string>().ShouldBe("Expired");
        payment["amountDue"]!["amount"]!.GetValue<long>().ShouldBe(0);
    }
}
