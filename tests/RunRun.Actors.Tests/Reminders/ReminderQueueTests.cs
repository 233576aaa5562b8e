using RunRun.Actors.Runtime;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Reminders;

/// <summary>
/// The silo's queue of reminder ticks keeps an entry for a cancelled reminder until it would have
/// fired; when most reminders are cancelled soon after they are made (an order paid within seconds
/// of its ten-minute expiry reminder), those leftovers must not pile up for the whole period.
/// </summary>
public sealed class ReminderQueueTests
{
    private static readonly TimeSpan Due = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Unregister_MostRemindersSoonAfterRegistering_QueueDropsTheirTicksAndTheRestStillFire()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var reminders = cluster.Primary.GetRequiredService<SiloRuntime>().Reminders;
        var grains = Enumerable.Range(0, 3_000).Select(i => cluster.GrainFactory.GetGrain<IReminderGrain>($"r{i}")).ToArray();
        foreach (var grain in grains)
        {
            await grain.Start(Due, Due);
        }

        var kept = grains.Take(10).ToArray();
        foreach (var grain in grains.Skip(kept.Length))
        {
            await grain.Stop();
        }

        reminders.QueuedTicks.ShouldBeLessThan(2_048, "leftovers are dropped once they outnumber the live ticks");
        time.Advance(Due);
        foreach (var grain in kept)
        {
            await Clusters.Eventually(async () => await grain.Ticks() == 1, "each kept reminder to fire");
        }

        (await grains[^1].Ticks()).ShouldBe(0);
    }
}
