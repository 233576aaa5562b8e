using RunRun.Sales.Products;

namespace RunRun.Sales.Tests.Products;

/// <summary>Drafts just inside each rule, applied to a valid draft.</summary>
internal static class ValidDrafts
{
    public static readonly IReadOnlyDictionary<string, Func<ProductDraft, ProductDraft>> Cases =
        new Dictionary<string, Func<ProductDraft, ProductDraft>>
        {
            ["name of 200 characters"] = d => d with { Name = new string('a', 200) },
            ["name of 199 Korean syllables and an emoji"] = d => d with { Name = new string('런', 199) + "🔥" },
            ["name of 200 emoji"] = d => d with { Name = string.Concat(Enumerable.Repeat("🔥", 200)) },
            ["description of 4000 characters"] = d => d with { Description = new string('d', 4_000) },
            ["description with line breaks"] = d => d with { Description = "Line one.\r\nLine two.\n\tIndented." },
            ["free product"] = d => d with { Price = Money.Krw(0) },
            ["price in dollars"] = d => d with { Price = new Money(12_999, "USD") },
            ["per-shopper limit of 1"] = d => d with { PerShopperLimit = 1 },
            ["per-shopper limit of 1000"] = d => d with { PerShopperLimit = 1_000 },
            ["end later although its clock reads earlier"] = d => d with { SaleEndsAt = d.SaleStartsAt!.Value.ToOffset(TimeSpan.FromHours(-5)).AddMinutes(1) },
            ["time deal without end"] = d => d with { SaleEndsAt = null },
            ["end one tick after start"] = d => d with { SaleEndsAt = d.SaleStartsAt!.Value.AddTicks(1) },
            ["general product without window"] = d => d with { Kind = ProductKind.General, SaleStartsAt = null, SaleEndsAt = null },
            ["general product with only an end"] = d => d with { Kind = ProductKind.General, SaleStartsAt = null },
        };
}
