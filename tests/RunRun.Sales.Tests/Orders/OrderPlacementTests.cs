using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Orders;

public sealed class OrderPlacementTests
{
    private static PlaceOrderRequest Request(string shopper, string key, params (string Product, int Quantity)[] lines) =>
        new(shopper, [.. lines.Select(l => new OrderLine(l.Product, l.Quantity))], key);

    [Fact]
    public async Task Place_OneLine_AwaitsPaymentWithDeadlineAndHoldsStock()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10, price: 15_000);

        var outcome = await sales.Order("o1").Place(Request("s1", "k1", ("p", 2)));

        outcome.Status.ShouldBe(PlaceStatus.Placed);
        var order = outcome.Order!;
        order.State.ShouldBe(OrderState.AwaitingPayment);
        order.Total.ShouldBe(Money.Krw(30_000));
        order.PaymentDeadline.ShouldBe(SalesCluster.Start.AddMinutes(10));
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task Place_SameKeyAndLinesAgain_ReturnsSameOrderAndReservesOnce()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);

        var first = await sales.Order("o1").Place(Request("s1", "k1", ("p", 2)));
        var again = await sales.Order("o1").Place(Request("s1", "k1", ("p", 2)));
        var different = await sales.Order("o1").Place(Request("s1", "k1", ("p", 3)));

        again.ShouldBeEquivalentTo(first);
        different.Status.ShouldBe(PlaceStatus.IdempotencyConflict);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task Place_SameKeyWithLinesReorderedOrAnotherProduct_IsAConflictAndReservesNothingMore()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);
        await sales.CreateProductAsync("q", stock: 10);

        var first = await sales.Order("o1").Place(Request("s1", "k1", ("p", 1), ("q", 2)));
        var reordered = await sales.Order("o1").Place(Request("s1", "k1", ("q", 2), ("p", 1)));
        var otherProduct = await sales.Order("o1").Place(Request("s1", "k1", ("p", 1), ("p", 2)));
        var fewerLines = await sales.Order("o1").Place(Request("s1", "k1", ("p", 1)));
        var again = await sales.Order("o1").Place(Request("s1", "k1", ("p", 1), ("q", 2)));

        first.Status.ShouldBe(PlaceStatus.Placed);
        reordered.Status.ShouldBe(PlaceStatus.IdempotencyConflict);
        otherProduct.Status.ShouldBe(PlaceStatus.IdempotencyConflict);
        fewerLines.Status.ShouldBe(PlaceStatus.IdempotencyConflict);
        again.ShouldBeEquivalentTo(first);
        (await sales.AssertBalancedAsync("p")).Reserved.ShouldBe(1);
        (await sales.AssertBalancedAsync("q")).Reserved.ShouldBe(2);
    }

    [Fact]
    public async Task Place_ThirdOfFourLinesSoldOut_RejectsAndReleasesTheOthers()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("a", stock: 5);
        await sales.CreateProductAsync("b", stock: 5);
        await sales.CreateProductAsync("c", stock: 0);
        await sales.CreateProductAsync("d", stock: 5);

        var outcome = await sales.Order("o1").Place(Request("s1", "k1", ("a", 1), ("b", 2), ("c", 1), ("d", 3)));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Rejections.Single().ProductId.ShouldBe("c");
        outcome.Rejections.Single().Outcome.Status.ShouldBe(ReserveStatus.SoldOut);
        outcome.Order!.State.ShouldBe(OrderState.Failed);
        foreach (var product in new[] { "a", "b", "d" })
        {
            var snapshot = await sales.AssertBalancedAsync(product);
            (snapshot.Available, snapshot.Reserved).ShouldBe((5L, 0L));

            // Reserved for the order and then given back, not skipped: the hold is there, released.
            (await sales.Stock(product).Release("o1")).ShouldBe(HoldChange.AlreadyApplied, $"line {product} was reserved and released");
        }

        (await sales.Stock("c").Release("o1")).ShouldBe(HoldChange.NotFound, "the sold-out line never held anything");
    }

    public static TheoryData<string, PlaceOrderRequest> BadRequests => new()
    {
        { "empty order", Request("s1", "k") },
        { "zero quantity", Request("s1", "k", ("p", 0)) },
        { "negative quantity", Request("s1", "k", ("p", -5)) },
        { "huge quantity", Request("s1", "k", ("p", int.MaxValue)) },
        { "duplicate product lines", Request("s1", "k", ("p", 1), ("p", 1)) },
        { "blank product", Request("s1", "k", (" ", 1)) },
        { "missing shopper", Request("", "k", ("p", 1)) },
        { "missing idempotency key", Request("s1", "", ("p", 1)) },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Place_BadRequest_InvalidWithReasonsAndNothingReserved(string why, PlaceOrderRequest request)
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);

        var outcome = await sales.Order("bad").Place(request);

        outcome.Status.ShouldBe(PlaceStatus.Invalid, why);
        outcome.Errors.ShouldNotBeEmpty();
        (await sales.AssertBalancedAsync("p")).Available.ShouldBe(10);
        (await sales.Order("bad").Get()).ShouldBeNull();
    }

    [Fact]
    public async Task Place_UnknownProduct_RejectedWithReasonAndNothingHeldOrWritten()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("p", stock: 10);

        var outcome = await sales.Order("o1").Place(Request("s1", "k", ("p", 1), ("ghost", 1)));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Rejections.Single().Outcome.Reason!.ShouldContain("does not exist");
        await AssertUntouchedAsync(sales, "o1", "p");
    }

    // One line skips the check of the products' terms: its own reservation must find the product missing.
    [Fact]
    public async Task Place_OneLineForAnUnknownProduct_RejectedWithReasonAndNothingWritten()
    {
        await using var sales = await SalesCluster.StartAsync();

        var outcome = await sales.Order("o1").Place(Request("s1", "k", ("ghost", 1)));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Order.ShouldBeNull();
        var rejection = outcome.Rejections.ShouldHaveSingleItem();
        rejection.ProductId.ShouldBe("ghost");
        rejection.Outcome.ShouldBe(ReserveOutcome.UnknownProduct("ghost"));
        (await sales.Order("o1").Get()).ShouldBeNull();
        var orderId = sales.Order("o1").GetGrainId();
        var stored = new GrainState<OrderRecord>(new OrderRecord());
        await sales.Cluster.GrainStorage.ReadStateAsync("order", orderId, stored, CancellationToken.None);
        stored.RecordExists.ShouldBeFalse("no order record is written");
        (await sales.Cluster.ReminderTable.ReadRowAsync(orderId, "expiry", CancellationToken.None)).ShouldBeNull("no expiry reminder is set");
        (await sales.Cluster.JournalStorage.ReadAsync(sales.Stock("ghost").GetGrainId(), CancellationToken.None)).Version
            .ShouldBe(0, "the missing product's stock journal stays empty");
    }

    /// <summary>Bad input changes nothing: no order record, and the product never held a unit for the order.</summary>
    private static async Task AssertUntouchedAsync(SalesCluster sales, string orderId, params string[] products)
    {
        (await sales.Order(orderId).Get()).ShouldBeNull("no order record is written");
        foreach (var product in products)
        {
            (await sales.AssertBalancedAsync(product)).ShouldSatisfyAllConditions(
                s => s.Available.ShouldBe(10),
                s => s.OpenHolds.ShouldBe(0));
            (await sales.Stock(product).Release(orderId)).ShouldBe(HoldChange.NotFound, $"{product} never held anything for {orderId}");
        }
    }

    [Fact]
    public async Task Place_LinesInDifferentCurrencies_RejectedAndNothingHeldOrWritten()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("won", stock: 10);
        await sales.CreateProductAsync("dollar", stock: 10, currency: "USD", price: 1_000);

        var outcome = await sales.Order("o1").Place(Request("s1", "k", ("won", 1), ("dollar", 1)));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Rejections.ShouldAllBe(r => r.Outcome.Reason!.Contains("currency"));
        await AssertUntouchedAsync(sales, "o1", "won", "dollar");
    }

    [Fact]
    public async Task Place_LinesInDifferentCurrenciesAndOneUnknown_OnlyTheUnknownLineRejected()
    {
        await using var sales = await SalesCluster.StartAsync();
        await sales.CreateProductAsync("won", stock: 10);
        await sales.CreateProductAsync("dollar", stock: 10, currency: "USD", price: 1_000);

        var outcome = await sales.Order("o1").Place(Request("s1", "k", ("won", 1), ("dollar", 1), ("ghost", 1)));

        outcome.Status.ShouldBe(PlaceStatus.Rejected);
        outcome.Rejections.Single().ProductId.ShouldBe("ghost");
        await AssertUntouchedAsync(sales, "o1", "won", "dollar");
    }
}
