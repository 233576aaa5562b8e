using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Integration;

/// <summary>
/// Reminders are durable and timers are not: a silo restarted on the same SQLite file finds the
/// reminders of the one before and fires them on their schedule (as in Orleans, a tick missed while
/// no silo ran is not replayed; the next one on the schedule fires), but no timers.
/// </summary>
public sealed class SqliteSiloRestartSchedulingTests
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(10);

    [Fact]
    public Task ReminderTick_DueWhileSiloStoppedGracefully_FiresAfterRestartWithoutAnyCall() =>
        ReminderTick_DueWhileSiloDown_FiresAfterRestart(kill: false);

    [Fact]
    public Task ReminderTick_DueWhileSiloKilled_FiresAfterRestartWithoutAnyCall() =>
        ReminderTick_DueWhileSiloDown_FiresAfterRestart(kill: true);

    [Fact]
    public Task TimerTick_DueWhileSiloStoppedGracefully_DoesNotFireOrActivateAfterRestart() =>
        TimerTick_DueWhileSiloDown_DoesNotFireAfterRestart(kill: false);

    [Fact]
    public Task TimerTick_DueWhileSiloKilled_DoesNotFireOrActivateAfterRestart() =>
        TimerTick_DueWhileSiloDown_DoesNotFireAfterRestart(kill: true);

    private static async Task ReminderTick_DueWhileSiloDown_FiresAfterRestart(bool kill)
    {
        var time = new FakeTimeProvider();
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(b =>
        {
            b.UseTimeProvider(time);
            file.Use(b);
        });
        var key = kill ? "reminded-after-kill" : "reminded-after-stop";
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>(key);
        var grainId = grain.GetGrainId();
        await grain.Start(TimeSpan.FromMinutes(1), ReminderPeriod);
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.Ticks() == 1, "first tick before the restart");
        (await file.CountAsync("SELECT COUNT(*) FROM reminders WHERE grain_id = @grain_id AND reminder_name = 'tick';", ("@grain_id", grainId.ToString()))).ShouldBe(1);

        await StopAsync(cluster, kill);
        // The second tick (due at 11 minutes) passes while no silo runs.
        time.Advance(TimeSpan.FromMinutes(15));
        var silo = await cluster.StartSiloAsync();

        // No call to the grain: only the reminder service loading the row can activate it. The tick
        // due at 11 minutes was missed and is skipped; the next on the schedule, at 21, fires.
        var log = silo.GetRequiredService<LifecycleLog>();
        log.Count($"reminder:{key}").ShouldBe(0);
        time.Advance(TimeSpan.FromMinutes(5));
        await Clusters.Eventually(() => Task.FromResult(log.Count($"reminder:{key}") == 1), "the scheduled tick after the restart");
        log.Count($"activate:{key}").ShouldBe(1);
        var stored = await file.ReadStateAsync("ticks", grainId);
        stored.ShouldNotBeNull("the tick count must be in the SQLite file");
        SqliteFile.Property(stored.Value, "Visits").GetInt32().ShouldBe(2);

        // The schedule goes on: the next is at 31 minutes.
        time.Advance(TimeSpan.FromMinutes(10));
        await Clusters.Eventually(() => Task.FromResult(log.Count($"reminder:{key}") == 2), "the next periodic tick");
        (await grain.Ticks()).ShouldBe(3);
        log.Count($"activate:{key}").ShouldBe(1);

        // The in-memory storage TestCluster registers first was never used.
        var memory = new GrainState<Profile>(new Profile());
        await cluster.GrainStorage.ReadStateAsync("ticks", grainId, memory, CancellationToken.None);
        memory.RecordExists.ShouldBeFalse();
        (await cluster.ReminderTable.ReadRowsAsync(grainId, CancellationToken.None)).ShouldBeEmpty();
    }

    private static async Task TimerTick_DueWhileSiloDown_DoesNotFireAfterRestart(bool kill)
    {
        var time = new FakeTimeProvider();
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(b =>
        {
            b.UseTimeProvider(time);
            file.Use(b);
        });
        var key = kill ? "timed-then-killed" : "timed-then-stopped";
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        await grain.StartTimer(TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.TimerTicks() == 1, "first timer tick before the restart");
        var oldLog = cluster.Log();

        await StopAsync(cluster, kill);
        time.Advance(TimeSpan.FromMinutes(5));
        var silo = await cluster.StartSiloAsync();
        time.Advance(TimeSpan.FromMinutes(5));

        // A round trip through the new silo after the clock moved: any tick the advance queued is delivered before it returns.
        var witness = cluster.GrainFactory.GetGrain<ILifecycleGrain>("witness-" + key);
        (await witness.Hello()).ShouldBe("hello witness-" + key);
        var log = silo.GetRequiredService<LifecycleLog>();
        log.Count($"tick:{key}").ShouldBe(0);
        log.Count($"activate:{key}").ShouldBe(0);
        silo.Silo.ActivationCount.ShouldBe(1);
        oldLog.Count($"tick:{key}").ShouldBe(1, "the stopped silo's timer must not tick once the silo is down");
    }

    private static Task StopAsync(TestCluster cluster, bool kill) =>
        kill ? cluster.KillSiloAsync(cluster.Primary) : cluster.StopSiloAsync(cluster.Primary);
}
