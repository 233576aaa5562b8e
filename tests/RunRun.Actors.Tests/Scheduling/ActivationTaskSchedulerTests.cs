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

    // Each caller keeps calling its own grain, so a worker keeps handing the next activation to its own
    // queue, where it runs next. Unbounded, that starved older work; the hand-off is bounded, so a
    // probe whose calls arrive on the pool's shared queue (it runs on a thread of its own) is served.
    [Fact]
    public async Task Increment_CallersChainingOnTheirOwnGrains_ProbeFromAnotherThreadIsServed()
    {
        await using var cluster = await Clusters.StartAsync();
        var grains = cluster.SiloGrainFactory();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var probeCalls = 0;
        var probe = new Thread(() =>
        {
            var grain = grains.GetGrain<ICounterGrain>("probe");
            for (var i = 0; i < 200 && !done.IsCancellationRequested; i++)
            {
                if (!grain.Increment().Wait(TimeSpan.FromSeconds(3)))
                {
                    break;
                }

                probeCalls++;
            }

            done.Cancel();
        });

        async Task Caller(int i)
        {
            var grain = grains.GetGrain<ICounterGrain>($"chain-{i}");
            while (!done.IsCancellationRequested)
            {
                await grain.Increment();
            }
        }

        var callers = Enumerable.Range(0, 64).Select(i => Task.Run(() => Caller(i))).ToArray();
        probe.Start();
        await Task.WhenAll(callers);
        probe.Join();

        probeCalls.ShouldBe(200, "a probe call waited more than 3 s behind the chained callers");
    }
}
