using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;
using RunRun.Sales;
using RunRun.Sales.Orders;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Benchmarks;

/// <summary>Orders through order grains on one hot product: placement throughput and latency, and a sell-out.</summary>
internal static class SaleBenchmark
{
    private static readonly Actor Seller = new("seller@bench", Roles.Seller);

    /// <summary>
    /// Each caller places one-line orders for new shoppers; with <paramref name="pay"/> it also pays each
    /// order (the simulator's approving card, no latency), so the stock grain confirms what it reserved.
    /// </summary>
    public static async Task RunAsync(IServiceProvider services, TimeSpan round, int rounds, int callers, bool pay)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        await CreateAsync(grains, "hot", 1_000_000_000);
        var writer = services.GetServices<ISiloLifecycleParticipant>().OfType<AdoNetDatabase>().Distinct().SingleOrDefault()?.Writer;
        var next = 0L;
        var (what, unit) = pay
            ? ("checkouts (order placed, then paid: one reservation and its confirmation each) through order grains", "checkout")
            : ("orders placed (one reservation each) through order grains", "order");
        for (var r = 0; r <= rounds; r++)
        {
            var (allocated, paused, placedBefore, cpu) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), Interlocked.Read(ref next), Environment.CpuUsage.TotalTime);
            var writerBefore = writer is null ? default : WriterReading.Of(writer);
            var (rate, p50, p99, failures) = await LoadAsync(callers, round, async i =>
            {
                var n = Interlocked.Increment(ref next);
                var order = grains.GetGrain<IOrderGrain>($"o-{n}");
                var shopper = $"shopper-{n}";
                var placed = await order.Place(new PlaceOrderRequest(shopper, [new OrderLine("hot", 1)], "k"));
                if (placed.Status != PlaceStatus.Placed || !pay)
                {
                    return placed.Status == PlaceStatus.Placed;
                }

                var paid = await order.Pay(new PayRequest(shopper, $"card-ok-{n}", "p"));
                return paid.Status == PayStatus.Paid;
            });
            if (r > 0)
            {
                var orders = Math.Max(1, Interlocked.Read(ref next) - placedBefore);
                Console.WriteLine($"{what}, one hot product: {rate:N0} {unit}s/s, p50 {p50:F2} ms, p99 {p99:F2} ms, {failures} not {(pay ? "paid" : "placed")}");
                Console.WriteLine($"    {(Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / orders:N1} µs CPU per {unit} (all threads), {(GC.GetTotalAllocatedBytes() - allocated) / orders:N0} B allocated per {unit}, GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / round.TotalMilliseconds:P0} of the round, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576:N0} MiB after");
                if (writer is not null)
                {
                    Console.WriteLine("    " + WriterReading.Of(writer).Since(writerBefore));
                }
            }
        }

        // What every order leaves behind (activations, holds, reminders), which is what the GC keeps promoting.
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"    live heap after a full collection: {live / 1048576:N0} MiB, {live / (double)Math.Max(1, next):N0} B per order placed");
        var snapshot = await grains.GetGrain<IStockGrain>("hot").GetSnapshot();
        Console.WriteLine($"    stock after: reserved {snapshot.Reserved:N0}, sold {snapshot.Sold:N0}, available + reserved + sold = {snapshot.Available + snapshot.Reserved + snapshot.Sold:N0} of {snapshot.TotalAdded:N0} added");
    }

    public static async Task SellOutAsync(IServiceProvider services, int callers, int demand)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        const int Stock = 10_000;
        var demandTotal = demand;
        await CreateAsync(grains, "flash", Stock);
        var next = -1;
        var placed = 0;
        long soldOutAt = 0;
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var rejectedAfter = 0L;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < demandTotal)
            {
                var outcome = await grains.GetGrain<IOrderGrain>($"f-{n}").Place(new PlaceOrderRequest($"fan-{n}", [new OrderLine("flash", 1)], "k"));
                if (outcome.Status == PlaceStatus.Placed)
                {
                    if (Interlocked.Increment(ref placed) == Stock)
                    {
                        Interlocked.Exchange(ref soldOutAt, clock.GetTimestamp());
                    }
                }
                else if (Interlocked.Read(ref soldOutAt) != 0)
                {
                    Interlocked.Increment(ref rejectedAfter);
                }
            }
        })));
        var total = clock.GetElapsedTime(started);
        var snapshot = await grains.GetGrain<IStockGrain>("flash").GetSnapshot();
        if (soldOutAt == 0)
        {
            // Demand below the stock, or placements that failed: there is no "after" to measure.
            Console.WriteLine($"sell-out, stock {Stock:N0}, demand {demandTotal:N0}: never sold out; {placed:N0} placed in {total.TotalSeconds:F2} s, stock reserved {snapshot.Reserved:N0}, available {snapshot.Available:N0}");
            return;
        }

        var toSellOut = clock.GetElapsedTime(started, soldOutAt);
        var after = total - toSellOut;
        Console.WriteLine($"sell-out, stock {Stock:N0}, demand {demandTotal:N0}: sold out (all reserved) after {toSellOut.TotalSeconds:F2} s; then {rejectedAfter:N0} rejections in {after.TotalSeconds:F2} s = {rejectedAfter / after.TotalSeconds:N0} rejections/s");
        Console.WriteLine($"    placed {placed:N0}; stock reserved {snapshot.Reserved:N0}, available {snapshot.Available:N0} (never oversold: {snapshot.Reserved + snapshot.Sold <= Stock})");
        var active = services.GetRequiredService<Silo>().ActivationCount;
        Console.WriteLine($"    then: {active:N0} activations, live heap after a full collection {GC.GetTotalMemory(forceFullCollection: true) / 1048576:N0} MiB");
    }

    private static async Task CreateAsync(IGrainFactory grains, string productId, long stock)
    {
        var created = await grains.GetGrain<IProductGrain>(productId).Create(
            Seller, new ProductDraft("Benchmark " + productId, null, Money.Krw(1_000), ProductKind.General, null, null, 1_000));
        if (created.Status != ProductStatus.Ok)
        {
            throw new InvalidOperationException("Could not create the benchmark product: " + created.Status);
        }

        await grains.GetGrain<IStockGrain>(productId).AddStock(stock);
    }

    private static async Task<(double Rate, double P50, double P99, long Failures)> LoadAsync(int callers, TimeSpan duration, Func<int, Task<bool>> call)
    {
        var latencies = new List<double>[callers];
        long completed = 0;
        long failures = 0;
        using var stop = new CancellationTokenSource(duration);
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var callStarted = clock.GetTimestamp();
                if (!await call(i))
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(clock.GetElapsedTime(callStarted).TotalMilliseconds);
                Interlocked.Increment(ref completed);
            }
        })));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (completed / clock.GetElapsedTime(started).TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)], failures);
    }
}
