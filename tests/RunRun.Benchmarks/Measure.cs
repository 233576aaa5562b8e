namespace RunRun.Benchmarks;

/// <summary>Runs a closed loop of concurrent callers for a fixed time and counts completed calls.</summary>
internal static class Measure
{
    public static async Task<double> ThroughputAsync(int callers, TimeSpan duration, Func<int, Func<Task>> createCaller)
    {
        long completed = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen0Before = GC.CollectionCount(0);
        using var stop = new CancellationTokenSource();
        var started = TimeProvider.System.GetTimestamp();
        var workers = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            var call = createCaller(i);
            long mine = 0;
            while (!stop.IsCancellationRequested)
            {
                await call();
                mine++;
            }

            Interlocked.Add(ref completed, mine);
        })).ToArray();
        await Task.Delay(duration);
        stop.Cancel();
        await Task.WhenAll(workers);
        var rate = completed / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
        LastBytesPerCall = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)Math.Max(1, completed);
        LastGen0Collections = GC.CollectionCount(0) - gen0Before;
        return rate;
    }

    /// <summary>Managed bytes allocated per completed call in the last run, by every thread.</summary>
    public static double LastBytesPerCall { get; private set; }

    public static int LastGen0Collections { get; private set; }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
