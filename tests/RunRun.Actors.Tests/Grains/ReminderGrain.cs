using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Tests.Grains;

/// <summary>Counts reminder ticks in persistent state, so the count survives restarts.</summary>
public sealed class ReminderGrain([PersistentState("ticks")] IPersistentState<Profile> ticks, LifecycleLog log) : Grain, IReminderGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task Start(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("tick", dueTime, period);

    public async Task Stop()
    {
        if (await GetReminder("tick") is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public Task<int> Ticks() => Task.FromResult(ticks.State.Visits);

    public async Task UnregisterWithStaleHandle(TimeSpan dueTime, TimeSpan period)
    {
        var first = await RegisterOrUpdateReminder("tick", dueTime, period);
        await RegisterOrUpdateReminder("tick", dueTime, period);
        await UnregisterReminder(first);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.State.Visits++;
        await ticks.WriteStateAsync();
        log.Add($"reminder:{this.GetPrimaryKeyString()}:{reminderName}");
    }
}
