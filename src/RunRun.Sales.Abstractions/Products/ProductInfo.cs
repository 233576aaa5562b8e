namespace RunRun.Sales.Products;

/// <summary>A product as the catalogue shows it.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ProductInfo(
    string ProductId,
    string SellerId,
    string Name,
    string Description,
    Money Price,
    ProductKind Kind,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int PerShopperLimit,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The terms the stock grain enforces on every reservation.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record SaleTerms(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int PerShopperLimit, Money Price);
