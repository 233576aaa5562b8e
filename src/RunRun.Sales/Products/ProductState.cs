namespace RunRun.Sales.Products;

/// <summary>
/// A product as stored. Kept apart from <see cref="ProductInfo"/> so the wire contract can change
/// without rewriting stored rows; the product id is the grain key and is not repeated here.
/// </summary>
internal sealed class ProductState
{
    public string SellerId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public Money Price { get; set; }

    public ProductKind Kind { get; set; }

    public DateTimeOffset? SaleStartsAt { get; set; }

    public DateTimeOffset? SaleEndsAt { get; set; }

    public int PerShopperLimit { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public SaleTerms Terms => new(SaleStartsAt, SaleEndsAt, PerShopperLimit, Price);

    /// <summary>Takes a validated draft's values; the name is kept trimmed, as the validator measured it.</summary>
    public void Apply(ProductDraft draft, DateTimeOffset now)
    {
        Name = draft.Name.Trim();
        Description = draft.Description ?? string.Empty;
        Price = draft.Price;
        Kind = draft.Kind;
        SaleStartsAt = draft.SaleStartsAt;
        SaleEndsAt = draft.SaleEndsAt;
        PerShopperLimit = draft.PerShopperLimit;
        UpdatedAt = now;
    }

    public ProductInfo ToInfo(string productId) => new(
        productId, SellerId, Name, Description, Price, Kind, SaleStartsAt, SaleEndsAt, PerShopperLimit, CreatedAt, UpdatedAt);
}
