using RunRun.Sales;
using RunRun.Sales.Products;

namespace RunRun.Api.Products;

/// <summary>A seller's product as sent; fields are nullable so a missing one is a validation error, not a default.</summary>
public sealed record ProductBody(
    string? Name,
    string? Description,
    MoneyBody? Price,
    ProductKind? Kind,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int? PerShopperLimit);

public sealed record MoneyBody(long? Amount, string? Currency);

public sealed record StockBody(long? Quantity);

/// <summary>Live stock of a product as shoppers see it.</summary>
public sealed record Availability(long Available, long Reserved, long Sold, bool SoldOut, bool OnSaleNow);

public sealed record ProductView(
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
    DateTimeOffset UpdatedAt,
    Availability Availability);

public sealed record ProductList(IReadOnlyList<ProductView> Items, int Page, int PageSize, int Total);
