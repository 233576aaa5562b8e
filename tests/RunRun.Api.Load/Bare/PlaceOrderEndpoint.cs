using Microsoft.AspNetCore.Http.HttpResults;

namespace RunRun.Api.Bare;

/// <summary>POST /api/orders answered at once with an order built from the request itself.</summary>
public static class PlaceOrderEndpoint
{
    // Constants the real API takes from the product and the sale's options; any value does here,
    // what matters is that the response is as long as a real order.
    private static readonly MoneyBody UnitPrice = new(1000, "KRW");
    private static readonly TimeSpan HoldFor = TimeSpan.FromMinutes(10);
    private const int PaymentAttemptsAllowed = 5;

    public static Results<Created<OrderResponse>, UnauthorizedHttpResult, ProblemHttpResult> Handle(
        PlaceOrderBody body,
        HttpRequest request,
        TimeProvider clock)
    {
        // The token is not validated: the point is the cost of the HTTP and JSON path, and the real
        // API's JWT check is part of what the comparison is meant to expose.
        if (string.IsNullOrEmpty(request.Headers.Authorization))
        {
            return TypedResults.Unauthorized();
        }

        if (string.IsNullOrEmpty(request.Headers["Idempotency-Key"]))
        {
            return Invalid("Idempotency-Key", "The Idempotency-Key header is required.");
        }

        if (body.Lines is not { Count: > 0 } lines)
        {
            return Invalid("lines", "An order needs at least one line.");
        }

        var orderLines = new OrderLineResponse[lines.Count];
        long total = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (string.IsNullOrEmpty(line.ProductId) || line.Quantity < 1)
            {
                return Invalid($"lines[{i}]", "Each line needs a product id and a quantity of at least 1.");
            }

            orderLines[i] = new OrderLineResponse(line.ProductId, line.Quantity, UnitPrice);
            total += UnitPrice.Amount * line.Quantity;
        }

        var now = clock.GetUtcNow();
        var orderId = Guid.CreateVersion7(now).ToString("N");
        var order = new OrderResponse(
            orderId,
            "bare-shopper",
            OrderState.AwaitingPayment,
            orderLines,
            new MoneyBody(total, UnitPrice.Currency),
            now,
            now + HoldFor,
            PaymentAttempts: 0,
            PaymentAttemptsLeft: PaymentAttemptsAllowed,
            FailureReason: null);
        return TypedResults.Created($"/api/orders/{orderId}", order);
    }

    private static ProblemHttpResult Invalid(string field, string message) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "validation_failed",
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
            });
}
