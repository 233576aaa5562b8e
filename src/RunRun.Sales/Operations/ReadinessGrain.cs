using RunRun.Actors;
using RunRun.Actors.Runtime;

namespace RunRun.Sales.Operations;

internal sealed class ReadinessGrain(
    [PersistentState("readiness")] IPersistentState<ReadinessState> state,
    TimeProvider timeProvider) : Grain, IReadinessGrain
{
    public async Task<DateTimeOffset> Probe()
    {
        state.State.LastProbe = timeProvider.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed; a fresh activation reads what storage really holds.
            DeactivateOnIdle();
            throw;
        }

        return state.State.LastProbe;
    }
}
