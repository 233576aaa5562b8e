using RunRun.Actors;
using RunRun.Actors.Runtime;

namespace RunRun.Sales.Shoppers;

/// <summary>One full page of a shopper's older order ids; written once, read when a listing reaches back that far.</summary>
[CollectionAgeLimit(Minutes = GrainLifetimes.PerOrderMinutes)]
internal sealed class OrderHistoryPageGrain(
    [PersistentState("history")] IPersistentState<OrderHistoryPage> page) : Grain, IOrderHistoryPageGrain
{
    public async Task Store(IReadOnlyList<string> orderIds)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        if (page.State.OrderIds.SequenceEqual(orderIds, StringComparer.Ordinal))
        {
            return;
        }

        page.State.OrderIds = [.. orderIds];
        try
        {
            await page.WriteStateAsync();
        }
        catch
        {
            // Whether the write landed is unknown; a fresh activation reads what storage holds.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyList<string>> Get() => Task.FromResult<IReadOnlyList<string>>(page.State.OrderIds);
}

