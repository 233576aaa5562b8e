using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Shoppers;

/// <summary>
/// A full page of one shopper's older order ids, oldest first, written by the shopper grain when its
/// recent list fills, so recording an order never rewrites the whole history. Keyed by
/// <see cref="KeyOf"/>; only the shopper grain calls it.
/// </summary>
public interface IOrderHistoryPageGrain : IGrainWithStringKey
{
    /// <summary>The key of page <paramref name="page"/> (from 0, oldest first) of a shopper's history.</summary>
    static string KeyOf(string shopperKey, long page) => $"{shopperKey}/{page}";

    /// <summary>Keeps the page's ids; storing the same ids again writes nothing.</summary>
    Task Store(IReadOnlyList<string> orderIds);

    [ReadOnly]
    Task<IReadOnlyList<string>> Get();
}
