namespace RunRun.Sales.Products;

/// <summary>What a seller submits to create or edit a product.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ProductDraft(
    string Name,
    string? Description,
    Money Price,
    ProductKind Kind,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int PerShopperLimit);
