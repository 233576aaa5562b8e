using RunRun.Actors;
using RunRun.Actors.Runtime;

namespace RunRun.Sales.Products;

/// <summary>
/// The catalogue's listing. Listings are read-only and interleave, so a crowd refreshing the
/// product list does not queue behind itself; only product commands write here.
/// </summary>
internal sealed class CatalogGrain(
    [PersistentState("catalog")] IPersistentState<CatalogState> catalog) : Grain, ICatalogGrain
{
    /// <summary>The largest page a listing serves.</summary>
    public const int MaxPageSize = 100;

    // Newest first, then by id, so pages are stable while nothing is added.
    private CatalogEntry[]? _ordered;

    public async Task Upsert(CatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.ProductId);
        if (catalog.State.Products.TryGetValue(entry.ProductId, out var current) && current == entry)
        {
            return;
        }

        catalog.State.Products[entry.ProductId] = entry;
        _ordered = null;
        try
        {
            await catalog.WriteStateAsync();
        }
        catch
        {
            // The write may or may not have landed; a fresh activation reads what storage really holds.
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<CatalogPage> List(CatalogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, MaxPageSize);
        _ordered ??= [.. catalog.State.Products.Values
            .OrderByDescending(entry => entry.CreatedAt)
            .ThenBy(entry => entry.ProductId, StringComparer.Ordinal)];
        var matching = _ordered.Where(entry =>
            (query.Kind is not { } kind || entry.Kind == kind)
            && (query.OnSaleAt is not { } now || entry.IsOnSaleAt(now) == query.OnSale)).ToList();
        var skip = (long)(query.Page - 1) * query.PageSize;
        var page = matching.Skip((int)Math.Min(skip, matching.Count)).Take(query.PageSize).Select(entry => entry.ProductId).ToArray();
        return Task.FromResult(new CatalogPage(page, query.Page, query.PageSize, matching.Count));
    }
}
