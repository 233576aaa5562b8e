using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Orders;

public sealed class HoldAuditTests
{
    // A hold whose order was never written: what a silo dying between reserve and the order's write leaves.
    [Fact]
    public async Task HoldAudit_HoldWithoutOrder_ReleasedAfterTheDeadlinePlusGrace()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        await sales.Stock("p").Reserve(new ReserveRequest("orphan", "s1", 2));

        // Payment hold 10 min + reminder period 1 min + audit period 5 min, then the next audit (every 5 min).
        await sales.AdvanceMinutesAsync(25);

        await SalesCluster.Eventually(async () => (await sales.Stock("p").GetSnapshot()).Available == 5, "the orphan hold to be released");
        await sales.AssertBalancedAsync("p");
    }

    [Fact]
    public async Task HoldAudit_FreshHold_IsLeftAlone()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        sales.Time.Advance(TimeSpan.FromMinutes(14));
        await sales.Stock("p").Reserve(new ReserveRequest("young", "s1", 2));

        sales.Time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(200);

        (await sales.Stock("p").GetSnapshot()).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task CheckDeadline_PastDeadline_ExpiresTheOrder()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 5);
        await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));
        sales.Time.Advance(TimeSpan.FromMinutes(10));

        var view = await sales.Order("o1").CheckDeadline();

        view!.State.ShouldBe(OrderState.Expired);
        (await sales.Stock("p").GetSnapshot()).Available.ShouldBe(5);
        (await sales.Order("nobody").CheckDeadline()).ShouldBeNull();
    }

    [Fact]
    public async Task Place_SoldOutSingleLine_RejectedWithoutRecordingAnOrder()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 0);

        var outcome = await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("p", 1)], "k"));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Rejections.Single().Outcome.Status.ShouldBe(ReserveStatus.SoldOut);
        (await sales.Order("o1").Get()).ShouldBeNull();
    }
}
