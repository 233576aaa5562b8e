using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Products;

/// <summary>
/// The list of products, so they can be paged and filtered without asking every product grain.
/// One grain (key <see cref="Key"/>) holds it; product grains keep their entries current.
/// </summary>
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>The key of the one catalogue grain.</summary>
    const string Key = "all";

    Task Upsert(CatalogEntry entry);

    [ReadOnly]
    Task<CatalogPage> List(CatalogQuery query);
}
