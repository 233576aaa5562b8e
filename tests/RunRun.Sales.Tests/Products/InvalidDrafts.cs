using RunRun.Sales.Products;

namespace RunRun.Sales.Tests.Products;

/// <summary>One broken rule per case, applied to a valid draft, with the field the refusal must name.</summary>
internal static class InvalidDrafts
{
    public static readonly IReadOnlyDictionary<string, (Func<ProductDraft, ProductDraft> Change, string Field)> Cases =
        new Dictionary<string, (Func<ProductDraft, ProductDraft>, string)>
        {
            ["empty name"] = (d => d with { Name = "" }, "name"),
            ["whitespace name"] = (d => d with { Name = " \t\u3000 " }, "name"),
            ["null name"] = (d => d with { Name = null! }, "name"),
            ["name over 200 characters"] = (d => d with { Name = new string('a', 201) }, "name"),
            ["name over 200 characters in emoji"] = (d => d with { Name = string.Concat(Enumerable.Repeat("🔥", 201)) }, "name"),
            ["name with a bell character"] = (d => d with { Name = "Sneakers\u0007" }, "name"),
            ["name with a line break"] = (d => d with { Name = "Sneakers\nSale" }, "name"),
            ["name with a null character"] = (d => d with { Name = "Snea\0kers" }, "name"),
            ["name with a C1 control character"] = (d => d with { Name = "Snea\u0085kers" }, "name"),
            ["description over 4000 characters"] = (d => d with { Description = new string('d', 4_001) }, "description"),
            ["negative price"] = (d => d with { Price = Money.Krw(-1) }, "price"),
            ["missing currency"] = (d => d with { Price = new Money(1_000, null!) }, "price"),
            ["empty currency"] = (d => d with { Price = new Money(1_000, "") }, "price"),
            ["lower-case currency"] = (d => d with { Price = new Money(1_000, "krw") }, "price"),
            ["two-letter currency"] = (d => d with { Price = new Money(1_000, "KR") }, "price"),
            ["four-letter currency"] = (d => d with { Price = new Money(1_000, "KRWW") }, "price"),
            ["currency with a digit"] = (d => d with { Price = new Money(1_000, "KR1") }, "price"),
            ["currency with a trailing line break"] = (d => d with { Price = new Money(1_000, "KRW\n") }, "price"),
            ["currency in non-ASCII letters"] = (d => d with { Price = new Money(1_000, "ÄÖÜ") }, "price"),
            ["undefined kind"] = (d => d with { Kind = (ProductKind)7 }, "kind"),
            ["time deal without start"] = (d => d with { SaleStartsAt = null }, "saleStartsAt"),
            ["end equal to start"] = (d => d with { SaleEndsAt = d.SaleStartsAt }, "saleEndsAt"),
            ["end before start"] = (d => d with { SaleEndsAt = d.SaleStartsAt!.Value.AddTicks(-1) }, "saleEndsAt"),
            ["end before start in another offset"] = (d => d with { SaleEndsAt = d.SaleStartsAt!.Value.ToOffset(TimeSpan.Zero).AddMinutes(-1) }, "saleEndsAt"),
            ["general product with end not after start"] = (d => d with { Kind = ProductKind.General, SaleEndsAt = d.SaleStartsAt!.Value.AddHours(-1) }, "saleEndsAt"),
            ["per-shopper limit of zero"] = (d => d with { PerShopperLimit = 0 }, "perShopperLimit"),
            ["negative per-shopper limit"] = (d => d with { PerShopperLimit = -5 }, "perShopperLimit"),
            ["per-shopper limit over 1000"] = (d => d with { PerShopperLimit = 1_001 }, "perShopperLimit"),
        };
}
