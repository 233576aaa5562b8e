namespace RunRun.Sales.Products;

/// <summary>The catalogue as stored: one entry per product id.</summary>
internal sealed class CatalogState
{
    public Dictionary<string, CatalogEntry> Products { get; set; } = new(StringComparer.Ordinal);
}
