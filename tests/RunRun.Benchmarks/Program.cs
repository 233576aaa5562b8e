using Microsoft.Extensions.Configuration;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunRun.Actors;
using RunRun.Actors.AdoNet;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Hosting;
using RunRun.Actors.Storage.Memory;
using RunRun.Benchmarks;
using RunRun.Benchmarks.Discard;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments.Gateways;

// Usage: dotnet run -c Release --project tests/RunRun.Benchmarks -- [calls|journal|activations|all|soak|sale|sale-memory|sale-discard|checkout|sellout] [seconds-per-round] [rounds]
//    or: ... -- holds [sales] (a stock grain's snapshot with its sold holds kept, then archived)
var which = args.ElementAtOrDefault(0) ?? "all";
if (which == "holds")
{
    HoldsBenchmark.Run(int.Parse(args.ElementAtOrDefault(1) ?? "1000000", CultureInfo.InvariantCulture));
    return 0;
}

var seconds = double.Parse(args.ElementAtOrDefault(1) ?? "3", CultureInfo.InvariantCulture);
var rounds = int.Parse(args.ElementAtOrDefault(2) ?? "5", CultureInfo.InvariantCulture);
var round = TimeSpan.FromSeconds(seconds);
const int Callers = 64;

Console.WriteLine($"RunRun benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, {rounds} rounds of {seconds}s, {Callers} callers");

if (which == "soak")
{
    await using var soakSilo = await StartSiloAsync(null);
    if (!await Soak.RunAsync(soakSilo.Services, rounds))
    {
        return 3;
    }
}

if (which is "sale" or "sellout" or "sale-memory" or "sale-discard" or "checkout")
{
    var folder = Directory.CreateTempSubdirectory("runrun-sale-");
    try
    {
        // sale-memory runs the same load on in-memory storage, to tell grain cost from storage cost;
        // sale-discard on storage that keeps nothing, which also spares the GC the stored rows: the ceiling
        // of the grains and the runtime, whatever the storage.
        await using var silo = await StartSiloAsync(which is "sale-memory" or "sale-discard" ? null : folder.FullName, sales: true, discard: which == "sale-discard");
        if (which is "sale" or "sale-memory" or "sale-discard" or "checkout")
        {
            await SaleBenchmark.RunAsync(silo.Services, round, rounds, Callers, pay: which == "checkout");
        }
        else
        {
            // The fourth argument is the demand (orders tried); the issue's scenario is 1,000,000.
            await SaleBenchmark.SellOutAsync(silo.Services, Callers, int.Parse(args.ElementAtOrDefault(3) ?? "1000000", CultureInfo.InvariantCulture));
        }
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

if (which is "calls" or "all")
{
    await using var silo = await StartSiloAsync(null);
    var grains = silo.Services.GetRequiredService<IGrainFactory>();
    Report("local calls, 64 callers on 64 grains", "calls/s", await RoundsAsync(() =>
        Measure.ThroughputAsync(Callers, round, i => { var g = grains.GetGrain<IPingGrain>(i); return () => g.Ping(i); })));
    Report("local calls, 64 callers on 1 grain", "calls/s", await RoundsAsync(() =>
        Measure.ThroughputAsync(Callers, round, i => { var g = grains.GetGrain<IPingGrain>(-1); return () => g.Ping(i); })));
}

if (which is "journal" or "all")
{
    var folder = Directory.CreateTempSubdirectory("runrun-bench-");
    try
    {
        await using var silo = await StartSiloAsync(folder.FullName);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var metrics = silo.Services.GetRequiredService<JournalMetrics>();
        var results = new List<double>();
        var batches = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var (events, writes) = (metrics.Events, metrics.Batches);
            var hot = grains.GetGrain<ITallyGrain>("hot");
            results.Add(await Measure.ThroughputAsync(Callers, round, _ => () => hot.Add(1)));
            batches.Add((double)(metrics.Events - events) / Math.Max(1, metrics.Batches - writes));
        }

        Report("one hot journaled grain, SQLite synchronous=FULL, reply after durable", "events/s", results);
        Console.WriteLine($"    average events per journal write (median of rounds): {Measure.Median(batches):F1}");
    }
    finally
    {
        folder.Delete(recursive: true);
    }
}

if (which is "activations" or "all")
{
    await using var silo = await StartSiloAsync(null);
    var grains = silo.Services.GetRequiredService<IGrainFactory>();
    const int Count = 1_000_000;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var started = TimeProvider.System.GetTimestamp();
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
    {
        int key;
        while ((key = Interlocked.Increment(ref next)) < Count)
        {
            await grains.GetGrain<IPingGrain>(key + 1_000_000).Ping(key);
        }
    })));
    var elapsed = TimeProvider.System.GetElapsedTime(started);
    var after = GC.GetTotalMemory(forceFullCollection: true);
    var active = silo.Services.GetRequiredService<Silo>().ActivationCount;
    Console.WriteLine($"{Count:N0} activations (first calls, 64 callers): {elapsed.TotalSeconds:F2} s, {Count / elapsed.TotalSeconds:N0} activations/s, " +
        $"{(after - before) / (1024.0 * 1024):N0} MiB managed heap growth, {(after - before) / (double)Count:N0} bytes per activation; {active:N0} live");
}

return 0;

static async Task<List<double>> RoundsAsync(Func<Task<double>> run)
{
    await run(); // warm-up round, not reported
    var results = new List<double>();
    for (var i = 0; i < int.Parse(Environment.GetCommandLineArgs().ElementAtOrDefault(3) ?? "5", CultureInfo.InvariantCulture); i++)
    {
        results.Add(await run());
    }

    return results;
}

static void Report(string name, string unit, IReadOnlyList<double> values) =>
    Console.WriteLine($"{name}: median {Measure.Median(values):N0} {unit} (rounds: {string.Join(", ", values.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)))}; last round {Measure.LastBytesPerCall:N0} B allocated per call, {Measure.LastGen0Collections} gen0 GCs)");

static async Task<HostHandle> StartSiloAsync(string? sqliteFolder, bool sales = false, bool discard = false)
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.ClearProviders();
    builder.Configuration.AddEnvironmentVariables();
    builder.UseSilo(silo =>
    {
        silo.AddSerializerContext(BenchmarkJsonContext.Default);
        if (discard)
        {
            silo.UseDiscardStorage();
        }
        else if (sqliteFolder is null)
        {
            silo.AddMemoryGrainStorage().AddMemoryJournalStorage().UseMemoryReminderTable();
        }
        else
        {
            silo.UseSqliteStorage(Path.Combine(sqliteFolder, "bench.db"));
        }

        if (sales)
        {
            silo.AddSales().AddSimulatedPaymentGateway();
        }
    });
    var host = builder.Build();
    await host.StartAsync();
    return new HostHandle(host);
}

internal sealed class HostHandle(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
