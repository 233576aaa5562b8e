using RunRun.Sales.Common;
using System.Buffers;
using System.Text;

namespace RunRun.Sales.Products;

/// <summary>
/// The rules a product draft must meet. Lengths count Unicode scalar values (what MySQL's utf8mb4
/// VARCHAR counts), so a Korean syllable or an emoji is one character, not two UTF-16 units.
/// </summary>
internal static class ProductDraftValidator
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 4_000;
    public const int MinPerShopperLimit = 1;
    public const int MaxPerShopperLimit = 1_000;

    /// <param name="draft">The product as the seller wants it.</param>
    /// <param name="currencies">The currencies products may be priced in; empty allows any ISO 4217 code.</param>
    public static IReadOnlyList<FieldError> Validate(ProductDraft draft, IReadOnlyList<string> currencies)
    {
        var errors = new List<FieldError>();
        ValidateName(draft.Name, errors);
        if (draft.Description is { } description && TextRules.Length(description) > MaxDescriptionLength)
        {
            errors.Add(new FieldError("description", $"The description must be at most {MaxDescriptionLength} characters."));
        }

        ValidatePrice(draft.Price, currencies, errors);
        ValidateSale(draft, errors);
        if (draft.PerShopperLimit is < MinPerShopperLimit or > MaxPerShopperLimit)
        {
            errors.Add(new FieldError("perShopperLimit", $"The per-shopper limit must be between {MinPerShopperLimit} and {MaxPerShopperLimit}."));
        }

        return errors;
    }

    private static void ValidateName(string? name, List<FieldError> errors)
    {
        // The draft's type says non-null, but it arrives as JSON, which does not promise that.
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError("name", "A name is required."));
            return;
        }

        var trimmed = name.Trim();
        if (TextRules.Length(trimmed) > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"The name must be at most {MaxNameLength} characters."));
        }

        if (!TextRules.IsPrintable(trimmed))
        {
            errors.Add(new FieldError("name", "The name must not contain control characters or broken Unicode."));
        }
    }

    private static void ValidatePrice(Money price, IReadOnlyList<string> currencies, List<FieldError> errors)
    {
        if (price.Amount < 0)
        {
            errors.Add(new FieldError("price", "The price must not be negative."));
        }

        if (string.IsNullOrEmpty(price.Currency))
        {
            errors.Add(new FieldError("price", "A currency is required."));
        }
        else if (!Money.IsCurrencyCode(price.Currency))
        {
            errors.Add(new FieldError("price", "The currency must be an ISO 4217 code of three upper-case letters, such as KRW."));
        }
        else if (currencies.Count > 0 && !currencies.Contains(price.Currency, StringComparer.Ordinal))
        {
            errors.Add(new FieldError("price", $"The currency must be one this shop can charge: {string.Join(", ", currencies)}."));
        }
    }

    private static void ValidateSale(ProductDraft draft, List<FieldError> errors)
    {
        if (!Enum.IsDefined(draft.Kind))
        {
            errors.Add(new FieldError("kind", $"The kind must be {ProductKind.General} or {ProductKind.TimeDeal}."));
        }

        if (draft.Kind == ProductKind.TimeDeal && draft.SaleStartsAt is null)
        {
            errors.Add(new FieldError("saleStartsAt", "A time deal needs the moment its sale starts."));
        }

        if (draft.SaleStartsAt is { } start && draft.SaleEndsAt is { } end && end <= start)
        {
            errors.Add(new FieldError("saleEndsAt", "The sale must end after it starts."));
        }
    }
}
