using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Reminders;

public sealed class ReminderTests
{
    [Fact]
    public async Task Start_FakeTimeAdvances_ReminderFiresEachPeriod()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("periodic");
        await grain.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.Ticks() == 1, "first tick");
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.Ticks() == 2, "second tick");
    }

    [Fact]
    public async Task Start_GrainDeactivated_ReminderReactivatesIt()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("sleeper");
        await grain.Start(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(20));

        time.Advance(TimeSpan.FromMinutes(16));
        await Clusters.Eventually(() => Task.FromResult(cluster.Primary.Silo.ActivationCount == 0), "idle collection");
        time.Advance(TimeSpan.FromMinutes(4));

        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Count("reminder:sleeper") == 1), "reminder after collection");
        cluster.Log().Count("activate:sleeper").ShouldBe(2);
    }

    [Fact]
    public async Task Start_ManyReminders_EachFiresAtItsOwnTimeWhateverTheOrderTheyWereSet()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var late = cluster.GrainFactory.GetGrain<IReminderGrain>("late");
        var early = cluster.GrainFactory.GetGrain<IReminderGrain>("early");
        var middle = cluster.GrainFactory.GetGrain<IReminderGrain>("middle");
        await late.Start(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(10));
        await early.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        await middle.Start(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10));

        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await early.Ticks() == 1, "the earliest reminder");
        (await middle.Ticks() + await late.Ticks()).ShouldBe(0);
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await middle.Ticks() == 1, "the middle reminder");
        (await late.Ticks()).ShouldBe(0);
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await late.Ticks() == 1, "the latest reminder");
    }

    [Fact]
    public async Task Start_AgainWithALaterDueTime_TheEarlierTickNeverFires()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("moved");
        await grain.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        await grain.Start(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

        time.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(100);
        (await grain.Ticks()).ShouldBe(0);
        time.Advance(TimeSpan.FromMinutes(1));

        await Clusters.Eventually(async () => await grain.Ticks() == 1, "the moved tick");
    }

    [Fact]
    public async Task Stop_Unregistered_NoMoreTicks()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("stopped");
        await grain.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.Ticks() == 1, "first tick");

        await grain.Stop();
        time.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);

        (await grain.Ticks()).ShouldBe(1);
    }

    [Fact]
    public async Task Start_PeriodBelowMinimum_IsRefused()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Should.ThrowAsync<ArgumentOutOfRangeException>(
            cluster.GrainFactory.GetGrain<IReminderGrain>("fast").Start(TimeSpan.Zero, TimeSpan.FromSeconds(5)));

        error.Message.ShouldContain("MinimumReminderPeriod");
    }

    [Fact]
    public async Task Unregister_StaleHandle_FailsAndReminderKeepsFiring()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("stale");

        await Should.ThrowAsync<RunRun.Actors.Reminders.ReminderException>(grain.UnregisterWithStaleHandle(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)));

        time.Advance(TimeSpan.FromMinutes(1));
        await Clusters.Eventually(async () => await grain.Ticks() == 1, "the reminder still ticks");
    }
}
