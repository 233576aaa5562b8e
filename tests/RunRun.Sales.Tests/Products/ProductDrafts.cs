using RunRun.Sales.Products;

namespace RunRun.Sales.Tests.Products;

/// <summary>Drafts and actors the product tests start from.</summary>
internal static class ProductDrafts
{
    public static readonly DateTimeOffset Opens = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(9));

    public static readonly Actor Seller = new("seller@example.com", Roles.Shopper | Roles.Seller);

    public static readonly Actor OtherSeller = new("other-seller@example.com", Roles.Shopper | Roles.Seller);

    public static readonly Actor Operator = new("operator@example.com", Roles.Operator);

    public static readonly Actor Shopper = new("shopper@example.com", Roles.Shopper);

    public static ProductDraft TimeDeal() => new(
        "Limited sneakers",
        "Two hundred pairs, one morning only.",
        Money.Krw(129_000),
        ProductKind.TimeDeal,
        Opens,
        Opens.AddHours(2),
        2);

    public static string NewId() => "p-" + Guid.NewGuid().ToString("N")[..12];
}
