using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Scheduling;

public sealed class ActivationTaskSchedulerTests
{
    // Liveness under sustained load on one hot grain. The scheduler once cleared its "scheduled" flag
    // with a plain release store, so the emptiness check after it could be satisfied first and a pump
    // queued at that moment never ran. That lost wake-up showed in the benchmark's soak mode (server GC,
    // Release) within seconds; in this test host it did not, so the soak mode stays the sharper check.
    [Fact]
    public async Task Increment_SustainedLoadOnOneGrain_EveryCallIsAnswered()
    {
        await using var cluster = await Clusters.StartAsync();
        var counter = cluster.SiloGrainFactory().GetGrain<ICounterGrain>("hot");
        var started = TimeProvider.System.GetTimestamp();

        async Task Caller()
        {
            while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(5))
            {
                var call = counter.Increment();
                var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(3)));
                finished.ShouldBeSameAs(call, "a call was never answered");
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(Caller)));

        (await counter.Get()).ShouldBeGreaterThan(0);
    }
}
