namespace RunRun.Sales.Products;

/// <summary>What the catalogue keeps of one product: enough to filter and order a listing.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record CatalogEntry(string ProductId, ProductKind Kind, DateTimeOffset? SaleStartsAt, DateTimeOffset? SaleEndsAt, DateTimeOffset CreatedAt)
{
    /// <summary>Inside the sale window at <paramref name="now"/> (a general product without a window always is).</summary>
    public bool IsOnSaleAt(DateTimeOffset now) => SaleWindow.Contains(SaleStartsAt, SaleEndsAt, now);
}

/// <summary>
/// One page of the catalogue, newest products first. <paramref name="OnSaleAt"/>, when given, keeps
/// only the products on sale at that moment, or, with <paramref name="OnSale"/> false, only those not
/// on sale then (before their window opens or after it closes): the two split the catalogue.
/// </summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record CatalogQuery(int Page, int PageSize, ProductKind? Kind, DateTimeOffset? OnSaleAt, bool OnSale = true);

[RunRun.Actors.Concurrency.Immutable]
public sealed record CatalogPage(IReadOnlyList<string> ProductIds, int Page, int PageSize, int Total);
