using RunRun.Sales.Hosting;

namespace RunRun.Sales.Orders;

/// <summary>Checks an order request before anything is reserved; every problem is reported at once.</summary>
internal static class OrderValidation
{
    /// <summary>Every problem of <paramref name="request"/>, in the order of its fields and lines; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(PlaceOrderRequest request, OrderOptions options)
    {
        // Allocated only for a bad request: a valid one, the hot path of a sale, costs no list.
        List<FieldError>? errors = null;
        if (string.IsNullOrWhiteSpace(request.ShopperId))
        {
            (errors ??= []).Add(new FieldError("shopperId", "A shopper is required."));
        }

        if (!RequestKeys.IsValid(request.IdempotencyKey))
        {
            (errors ??= []).Add(new FieldError("idempotencyKey", RequestKeys.Required("An idempotency key")));
        }

        if (request.Lines is null || request.Lines.Count == 0)
        {
            (errors ??= []).Add(new FieldError("lines", "An order needs at least one line."));
            return errors;
        }

        if (request.Lines.Count > options.MaxLines)
        {
            (errors ??= []).Add(new FieldError("lines", $"An order may have at most {options.MaxLines} lines."));
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line is null || string.IsNullOrWhiteSpace(line.ProductId))
            {
                (errors ??= []).Add(new FieldError($"lines[{i}].productId", "Each line needs a product."));
            }
            else if (line.Quantity < 1 || line.Quantity > options.MaxQuantityPerLine)
            {
                (errors ??= []).Add(new FieldError($"lines[{i}].quantity", $"The quantity must be between 1 and {options.MaxQuantityPerLine}."));
            }
        }

        if (request.Lines.Count > 1)
        {
            foreach (var productId in Duplicates(request.Lines))
            {
                (errors ??= []).Add(new FieldError("lines", $"Product '{productId}' appears on more than one line; put the total quantity on one line."));
            }
        }

        // Typed as the interface, so a valid request gets the shared empty array rather than a new list.
        return (IReadOnlyList<FieldError>?)errors ?? [];
    }

    /// <summary>
    /// Products on more than one line, each once, in the order they first appear. A line whose product
    /// id is null is left out: it already has an error of its own, and null cannot be a dictionary key.
    /// </summary>
    private static IEnumerable<string> Duplicates(IReadOnlyList<OrderLine> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line?.ProductId is { } productId)
            {
                counts[productId] = counts.GetValueOrDefault(productId) + 1;
            }
        }

        foreach (var line in lines)
        {
            if (line?.ProductId is { } productId && counts.Remove(productId, out var count) && count > 1)
            {
                yield return productId;
            }
        }
    }
}
