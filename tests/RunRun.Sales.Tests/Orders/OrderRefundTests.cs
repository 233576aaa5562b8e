using Microsoft.Extensions.DependencyInjection;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments.Gateways;
using RunRun.Sales.Tests.Payments;

namespace RunRun.Sales.Tests.Orders;

public sealed class OrderRefundTests
{
    // The order is written as refunding before the gateway is asked, with its reminder back on: a
    // refund the gateway fails must be tried again, and the units stay sold until the money is back.
    [Fact]
    public async Task Cancel_PaidAndTheRefundFails_FailedUntilTheReminderRefundsItOnce()
    {
        await using var sales = await SalesCluster.StartAsync(SwitchGateway.Install);
        var gateway = sales.Cluster.Primary.GetRequiredService<SwitchGateway>();
        await sales.CreateProductAsync("p", stock: 10, price: 5_000);
        (await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 2)], "k"))).Status.ShouldBe(PlaceStatus.Placed);
        (await sales.Order("o1").Pay(new PayRequest("s1", "card-ok-1", "pay-1"))).Status.ShouldBe(PayStatus.Paid);
        gateway.RefundsFail = true;

        var failed = await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper));

        failed.Status.ShouldBe(CancelStatus.Failed);
        failed.Message.ShouldBe("Refunds are down (test).");
        failed.Order!.State.ShouldBe(OrderState.Paid, "refunding shows as paid until the money is back");
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);

        // The reminder's tries fail too, and give nothing back while they do.
        await sales.AdvanceMinutesUntilAsync(() => Task.FromResult(gateway.RefusedRefunds >= 2), 60, "the reminder to try the refund again");
        (await sales.Order("o1").Get())!.State.ShouldBe(OrderState.Paid);
        (await sales.AssertBalancedAsync("p")).Sold.ShouldBe(2);

        gateway.RefundsFail = false;
        await sales.AdvanceMinutesUntilAsync(async () => (await sales.Order("o1").Get())!.State == OrderState.Refunded, 60, "the reminder to finish the refund");

        var snapshot = await sales.AssertBalancedAsync("p");
        (snapshot.Available, snapshot.Sold).ShouldBe((10L, 0L));
        gateway.Simulator.FindPayment("card-ok-1")!.IsCanceled.ShouldBeTrue();
        gateway.Simulator.Log.Count(c => c.Request.Operation == PaymentOperation.Cancel).ShouldBe(1, "only the refund that went through reached the provider");
        (await sales.Order("o1").Cancel(new Actor("s1", Roles.Shopper))).Status.ShouldBe(CancelStatus.AlreadyEnded);
    }
}
