using RunRun.Actors.Serialization;
using RunRun.Sales;
using RunRun.Sales.Hosting;
using RunRun.Sales.Stock;

namespace RunRun.Benchmarks;

/// <summary>
/// What a product that sold to many shoppers costs its stock grain: the snapshot it writes on its own
/// turn and reads at every activation, with every sold hold kept, then with them archived.
/// </summary>
internal static class HoldsBenchmark
{
    public static void Run(int sales)
    {
        var serializer = new ActorSerializer([SalesStateJsonContext.Default]);
        var at = DateTimeOffset.UnixEpoch;
        var state = new StockState();
        state.Apply(new StockAdded(sales));
        for (var i = 0; i < sales; i++)
        {
            // A shopper of its own per sale, the worst case for the per-shopper counts, which archiving keeps.
            var orderId = $"o-{i:x16}";
            state.Apply(new UnitsReserved(orderId, $"shopper-{i:x8}@example.com", 1, at, Money.Krw(1_000)));
            state.Apply(new HoldConfirmed(orderId, at));
        }

        Report($"{sales:N0} sales, every sold hold kept", serializer, state);
        state.Apply(new SoldHoldsArchived([.. state.Holds.Keys]));
        Report("the same, sold holds archived", serializer, state);
    }

    private static void Report(string what, ActorSerializer serializer, StockState state)
    {
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var bytes = serializer.SerializeToBytes(state);
        var written = clock.GetElapsedTime(started);
        started = clock.GetTimestamp();
        var read = serializer.Deserialize<StockState>(bytes);
        var readBack = clock.GetElapsedTime(started);
        Console.WriteLine($"{what}: {read.Holds.Count:N0} holds, {read.PerShopper.Count:N0} shopper counts; snapshot {bytes.Length / 1048576.0:N1} MiB, " +
            $"written in {written.TotalMilliseconds:N0} ms, read back in {readBack.TotalMilliseconds:N0} ms");
    }
}
