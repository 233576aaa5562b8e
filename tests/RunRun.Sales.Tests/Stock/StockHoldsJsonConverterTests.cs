using System.Text;
using System.Text.Json;
using RunRun.Actors.Serialization;
using RunRun.Sales.Hosting;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Stock;

public sealed class StockHoldsJsonConverterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 5, 0, 0, TimeSpan.Zero);

    // The storage serializer a silo uses for the sale's state.
    private readonly ActorSerializer _serializer = new([SalesStateJsonContext.Default]);

    [Fact]
    public void Holds_RoundTripExactly_InEveryStateWithAndWithoutPrice()
    {
        var state = new StockState { TotalAdded = 10, Available = 6, Reserved = 2, Sold = 2 };
        state.Holds["reserved"] = new StockHold { ShopperId = "kim", Quantity = 2, State = HoldState.Reserved, ReservedAt = At.AddTicks(1234567), UnitPrice = Money.Krw(1_000) };
        state.Holds["sold"] = new StockHold { ShopperId = "lee", Quantity = 2, State = HoldState.Sold, ReservedAt = At, UnitPrice = new Money(long.MaxValue, "USD") };
        state.Holds["released \"quoted\" 주문"] = new StockHold { ShopperId = "park", Quantity = 1, State = HoldState.Released, ReservedAt = At, ReleasedAt = At.AddMinutes(10).AddTicks(1) };
        state.Holds["sold"].SoldAt = At.AddMinutes(3);
        state.Holds["refunded"] = new StockHold
        {
            ShopperId = "choi", Quantity = 3, State = HoldState.Refunded, ReservedAt = At, SoldAt = At.AddMinutes(1), ReleasedAt = At.AddDays(2), UnitPrice = Money.Krw(500),
        };
        state.ArchivedSold = 7;
        state.PerShopper["kim"] = 2;

        var read = _serializer.Deserialize<StockState>(_serializer.SerializeToBytes(state));

        read.Holds.Keys.ShouldBe(state.Holds.Keys, ignoreOrder: true);
        foreach (var (orderId, hold) in state.Holds)
        {
            var copy = read.Holds[orderId];
            (copy.ShopperId, copy.Quantity, copy.State, copy.ReservedAt, copy.SoldAt, copy.ReleasedAt, copy.UnitPrice)
                .ShouldBe((hold.ShopperId, hold.Quantity, hold.State, hold.ReservedAt, hold.SoldAt, hold.ReleasedAt, hold.UnitPrice));
        }

        read.PerShopper.ShouldBe(state.PerShopper);
        (read.TotalAdded, read.Available, read.Reserved, read.Sold, read.ArchivedSold).ShouldBe((10L, 6L, 2L, 2L, 7L));
    }

    [Fact]
    public void Holds_ReadBack_AreKeyedOrdinally()
    {
        var state = new StockState();
        state.Holds["Order"] = new StockHold { ShopperId = "kim", Quantity = 1, ReservedAt = At };

        var read = _serializer.Deserialize<StockState>(_serializer.SerializeToBytes(state));

        read.Holds.ContainsKey("order").ShouldBeFalse();
        read.Holds.ContainsKey("Order").ShouldBeTrue();
    }

    [Fact]
    public void AHold_TakesLessThanHalfTheBytesOfTheObjectForm()
    {
        var state = new StockState();
        state.Holds["o-1000001"] = new StockHold { ShopperId = "shopper-1000001", Quantity = 1, State = HoldState.Reserved, ReservedAt = At, UnitPrice = Money.Krw(1_000) };
        var empty = _serializer.SerializeToBytes(new StockState()).Length;

        var perHold = _serializer.SerializeToBytes(state).Length - empty;

        // The object form, key and separator included, as earlier versions wrote it.
        var objectForm = _serializer.SerializeToBytes(state.Holds["o-1000001"]).Length + "\"o-1000001\":".Length;
        perHold.ShouldBeLessThan(objectForm / 2);
    }

    [Fact]
    public void HoldsWrittenAsObjectsByEarlierVersions_AreStillRead()
    {
        const string Stored = """
            {"totalAdded":3,"available":0,"reserved":2,"sold":1,
             "holds":{"o-1":{"shopperId":"kim","quantity":2,"state":"Reserved","reservedAt":"2026-11-21T05:00:00.1234567+00:00","releasedAt":null,"unitPrice":{"amount":1000,"currency":"KRW"}},
                      "o-2":{"shopperId":"lee","quantity":1,"state":"Sold","reservedAt":"2026-11-21T05:00:00+00:00","releasedAt":null,"unitPrice":null}},
             "perShopper":{"kim":2,"lee":1}}
            """;

        var read = _serializer.Deserialize<StockState>(Encoding.UTF8.GetBytes(Stored));

        read.Holds["o-1"].ShouldSatisfyAllConditions(
            h => h.ShopperId.ShouldBe("kim"),
            h => h.Quantity.ShouldBe(2),
            h => h.State.ShouldBe(HoldState.Reserved),
            h => h.ReservedAt.ShouldBe(At.AddTicks(1234567)),
            h => h.UnitPrice.ShouldBe(Money.Krw(1_000)));
        read.Holds["o-2"].State.ShouldBe(HoldState.Sold);
        read.Holds["o-2"].UnitPrice.ShouldBeNull();
        read.Holds.Comparer.ShouldBe(StringComparer.Ordinal);
    }

    [Fact]
    public void HoldsWrittenWithoutTheSaleTime_AreReadWithNone()
    {
        var stored = Encoding.UTF8.GetBytes("""{"holds":{"o-1":["kim",1,"Sold",0,null,1000,"KRW"]}}""");

        var hold = _serializer.Deserialize<StockState>(stored).Holds["o-1"];

        (hold.State, hold.SoldAt, hold.UnitPrice).ShouldBe((HoldState.Sold, (DateTimeOffset?)null, Money.Krw(1_000)));
    }

    [Theory]
    [InlineData("""["kim",1,"Reserved",0,null,1000]""")]
    [InlineData("""["kim",1,"Sold",0,null,1000,"KRW",7,8]""")]
    [InlineData("""["kim",1,"Sold",0,null,1000,"KRW","7"]""")]
    [InlineData("""["kim",1,"Lost",0,null,null,null]""")]
    [InlineData("""["kim",1,"Reserved",0,null,1000,null]""")]
    [InlineData("""["kim",99999999999,"Reserved",0,null,null,null]""")]
    [InlineData("""[null,1,"Reserved",0,null,null,null]""")]
    [InlineData("""["kim","1","Reserved",0,null,null,null]""")]
    [InlineData("""42""")]
    public void AMalformedHold_IsAJsonError(string hold)
    {
        var stored = Encoding.UTF8.GetBytes("{\"holds\":{\"o-1\":" + hold + "}}");

        Should.Throw<JsonException>(() => _serializer.Deserialize<StockState>(stored));
    }
}
