using RunRun.Sales.Hosting;

namespace RunRun.Sales.Orders;

/// <summary>Checks an order request before anything is reserved; every problem is reported at once.</summary>
internal static class OrderValidation
{
    public static List<FieldError> Validate(PlaceOrderRequest request, OrderOptions options)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.ShopperId))
        {
            errors.Add(new FieldError("shopperId", "A shopper is required."));
        }

        if (!RequestKeys.IsValid(request.IdempotencyKey))
        {
            errors.Add(new FieldError("idempotencyKey", RequestKeys.Required("An idempotency key")));
        }

        if (request.Lines is null || request.Lines.Count == 0)
        {
            errors.Add(new FieldError("lines", "An order needs at least one line."));
            return errors;
        }

        if (request.Lines.Count > options.MaxLines)
        {
            errors.Add(new FieldError("lines", $"An order may have at most {options.MaxLines} lines."));
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line is null || string.IsNullOrWhiteSpace(line.ProductId))
            {
                errors.Add(new FieldError($"lines[{i}].productId", "Each line needs a product."));
            }
            else if (line.Quantity < 1 || line.Quantity > options.MaxQuantityPerLine)
            {
                errors.Add(new FieldError($"lines[{i}].quantity", $"The quantity must be between 1 and {options.MaxQuantityPerLine}."));
            }
        }

        var duplicates = request.Lines.Where(l => l is not null).GroupBy(l => l.ProductId, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var productId in duplicates)
        {
            errors.Add(new FieldError("lines", $"Product '{productId}' appears on more than one line; put the total quantity on one line."));
        }

        return errors;
    }
}
