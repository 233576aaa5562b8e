using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Timers;

public sealed class TimerTests
{
    [Fact]
    public async Task StartTimer_FakeTimeAdvances_TicksRunAsTurns()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("ticking");
        await grain.StartTimer(TimeSpan.FromSeconds(10));

        for (var i = 1; i <= 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            var expected = i;
            await Clusters.Eventually(async () => await grain.TimerTicks() == expected, $"tick {expected}");
        }
    }

    [Fact]
    public async Task StartTimer_SiloRestart_TimerDiesWithActivation()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("mortal").StartTimer(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));
        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Count("tick:mortal") == 1), "first tick");

        await cluster.RestartSiloAsync(cluster.Primary);
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(200);

        cluster.Log().Count("tick:mortal").ShouldBe(0);
        cluster.Log().Count("activate:mortal").ShouldBe(0);
    }
}
