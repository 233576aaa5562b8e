using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage.Memory;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Reminders;

/// <summary>
/// A silo re-reads the reminder table every RefreshReminderListPeriod (5 minutes by default) to
/// pick up rows written or removed elsewhere, without undoing changes it made itself meanwhile.
/// </summary>
public sealed class ReminderRefreshTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);

    // Between the first refresh and the second, so only the first can have changed what fires.
    private static readonly TimeSpan Due = TimeSpan.FromMinutes(7);

    [Fact]
    public async Task Refresh_RowRemovedFromTheTableElsewhere_TheReminderNoLongerFires()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("removed-elsewhere");
        await grain.Start(Due, Due);
        var row = (await cluster.ReminderTable.ReadRowsAsync(0, 0, CancellationToken.None)).ShouldHaveSingleItem();
        (await cluster.ReminderTable.RemoveRowAsync(row.GrainId, row.ReminderName, row.ETag!, CancellationToken.None)).ShouldBeTrue();
        var control = await StartControlAsync(cluster);

        time.Advance(Refresh);
        time.Advance(Due - Refresh);
        await WhenControlFiredAsync(cluster, control);

        (await grain.Ticks()).ShouldBe(0);
    }

    [Fact]
    public async Task Refresh_RowWrittenToTheTableElsewhere_FiresOnThisSilo()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("written-elsewhere");
        await grain.Start(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        var own = (await cluster.ReminderTable.ReadRowsAsync(0, 0, CancellationToken.None)).ShouldHaveSingleItem();
        await cluster.ReminderTable.UpsertRowAsync(new ReminderEntry(own.GrainId, "other", time.GetUtcNow() + Due, Due), CancellationToken.None);

        time.Advance(Refresh);
        time.Advance(Due - Refresh);

        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Count("reminder:written-elsewhere:other") == 1), "the row written elsewhere to fire");
    }

    [Fact]
    public async Task Refresh_ReminderUnregisteredWhileTheTableIsRead_StaysUnregistered()
    {
        var time = new FakeTimeProvider();
        var table = new MemoryReminderTable();
        var gated = new GatedReminderTable(table);
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time).ConfigureSilo(s =>
            s.Services.AddSingleton<IReminderTable>(gated)));
        var reminders = cluster.Primary.GetRequiredService<SiloRuntime>().Reminders;
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("unregistered-meanwhile");
        await grain.Start(Due, Due);
        var control = await StartControlAsync(cluster);
        gated.Close();

        // The refresh (the second ring read; the first was at start-up) reads the row, then waits
        // at the gate while the grain unregisters; what it read must not bring the reminder back.
        time.Advance(Refresh);
        await Clusters.Eventually(() => Task.FromResult(Volatile.Read(ref gated.RingReadsStarted) == 2), "the refresh to read the table");
        await grain.Stop();
        gated.Release();
        await Clusters.Eventually(() => Task.FromResult(!reminders.IsRefreshing), "the refresh to finish");
        time.Advance(Due - Refresh);
        await WhenControlFiredAsync(cluster, control);

        (await grain.Ticks()).ShouldBe(0);
        (await table.ReadRowsAsync(0, 0, CancellationToken.None)).ShouldHaveSingleItem().GrainId.Key.ShouldBe("control");
    }

    /// <summary>A reminder due with the one under test: once it has fired, the other would have too.</summary>
    private static async Task<IReminderGrain> StartControlAsync(TestCluster cluster)
    {
        var control = cluster.GrainFactory.GetGrain<IReminderGrain>("control");
        await control.Start(Due, Due);
        return control;
    }

    private static async Task WhenControlFiredAsync(TestCluster cluster, IReminderGrain control)
    {
        await Clusters.Eventually(async () => await control.Ticks() == 1, "the control reminder to fire");

        // Both were due at the same tick and went out together; give the other's delivery a moment.
        await Task.Delay(100);
    }
}
