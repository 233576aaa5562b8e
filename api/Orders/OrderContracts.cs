using RunRun.Sales;
using RunRun.Sales.Orders;

namespace RunRun.Api.Orders;

/// <summary>The body of an order placement; fields are nullable so a missing one is a validation error, not a zero.</summary>
public sealed record PlaceOrderBody(IReadOnlyList<OrderLineBody?>? Lines);

public sealed record OrderLineBody(string? ProductId, int? Quantity);

public sealed record PayBody(string? PaymentKey);

/// <summary>What the payment page shows: how much, until when, how many tries left.</summary>
public sealed record PaymentPage(string OrderId, OrderState State, Money AmountDue, DateTimeOffset PaymentDeadline, int AttemptsLeft);

public sealed record OrderList(IReadOnlyList<OrderView> Items, int Page, int PageSize, int Total);
