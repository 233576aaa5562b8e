namespace RunRun.Api.Bare;

// The wire shapes of api/README.md's contract, declared here rather than referenced so the bare
// endpoint loads none of the API's or the sale's assemblies.

public sealed record PlaceOrderBody(IReadOnlyList<OrderLineBody>? Lines);

public sealed record OrderLineBody(string? ProductId, int Quantity);

public sealed record MoneyBody(long Amount, string Currency);

public enum OrderState
{
    AwaitingPayment,
}

public sealed record OrderLineResponse(string ProductId, int Quantity, MoneyBody UnitPrice);

public sealed record OrderResponse(
    string OrderId,
    string ShopperId,
    OrderState State,
    IReadOnlyList<OrderLineResponse> Lines,
    MoneyBody Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset PaymentDeadline,
    int PaymentAttempts,
    int PaymentAttemptsLeft,
    string? FailureReason);
