using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Api.Operations;
using RunRun.Sales;
using RunRun.Sales.Orders;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Api.Orders;

/// <summary>The seed flow: place an order, read its payment page, pay; and reading and cancelling orders.</summary>
internal static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization()
            .ProducesProblems(ProblemCodes.Unauthorized).ProducesServerProblems();
        group.MapPost("", PlaceAsync).WithName("PlaceOrder").RequireAccountRateLimit()
            .WithSummary("Place an order (Idempotency-Key required); it holds the stock until the payment deadline.")
            .WithIdempotencyKeyHeader("A retry with the same key and body returns the same order; the same key with another body answers 422 idempotency_conflict.")
            .ProducesProblems(
                ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.SoldOut, ProblemCodes.InsufficientStock,
                ProblemCodes.LimitExceeded, ProblemCodes.NotOnSale, ProblemCodes.IdempotencyConflict, ProblemCodes.RateLimited,
                ProblemCodes.ProductUnavailable);
        group.MapGet("", ListAsync).WithName("ListMyOrders").WithSummary("My orders, newest first.")
            .ProducesProblems(ProblemCodes.ValidationFailed);
        group.MapGet("/{orderId}", GetAsync).WithName("GetOrder").WithSummary("One order (its shopper or an operator).")
            .ProducesProblems(ProblemCodes.NotFound);
        group.MapGet("/{orderId}/payment", GetPaymentPageAsync).WithName("GetPaymentPage")
            .WithSummary("The payment page: amount due, deadline, attempts left.").ProducesProblems(ProblemCodes.NotFound);
        group.MapPost("/{orderId}/payment", PayAsync).WithName("PayOrder").RequireAccountRateLimit()
            .WithSummary("Pay the order with a payment key (Idempotency-Key required).")
            .WithIdempotencyKeyHeader("A retry with the same key returns the same paid or declined answer without charging again; after a 502 it tries the payment again.")
            .ProducesProblems(
                ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.PaymentDeclined, ProblemCodes.NotFound,
                ProblemCodes.OrderExpired, ProblemCodes.OrderNotPayable, ProblemCodes.RateLimited, ProblemCodes.PaymentFailed);
        group.MapPost("/{orderId}/cancel", CancelAsync).WithName("CancelOrder")
            .WithSummary("Cancel the order; a paid order is refunded and its stock goes back on sale.")
            .ProducesProblems(ProblemCodes.NotFound, ProblemCodes.OrderNotPayable, ProblemCodes.PaymentFailed);
        return group;
    }

    private static async Task<Results<Created<OrderView>, ApiProblem>> PlaceAsync(
        PlaceOrderBody? body, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, SoldOutCache soldOut, ApiMetrics metrics)
    {
        if (!IdempotencyKey.TryRead(request, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        if (ReadLines(body, out var lines) is { } invalid)
        {
            return invalid;
        }

        var actor = CurrentActor.Of(user);
        foreach (var line in lines)
        {
            if (soldOut.RefusesWithoutGrain(line.ProductId, actor.UserId))
            {
                metrics.RecordReservations(ProblemCodes.SoldOut);
                return OrderProblems.SoldOut(line.ProductId);
            }
        }

        var orderId = OrderIds.For(actor.UserId, key);
        var outcome = await grains.GetGrain<IOrderGrain>(orderId).Place(new PlaceOrderRequest(actor.UserId, lines, key));
        switch (outcome.Status)
        {
            case PlaceStatus.Placed:
                metrics.RecordReservations("reserved", outcome.Order!.Lines.Count);

                return TypedResults.Created($"/api/orders/{orderId}", outcome.Order);
            case PlaceStatus.Rejected:
                foreach (var rejection in outcome.Rejections)
                {
                    metrics.RecordReservations(OrderProblems.CodeOf(rejection.Outcome.Status));
                    if (rejection.Outcome.Status == ReserveStatus.SoldOut)
                    {
                        await soldOut.MarkSoldOutAsync(rejection.ProductId);
                    }
                }

                return OrderProblems.Rejected(outcome.Rejections);
            case PlaceStatus.IdempotencyConflict:
                return ApiProblem.Create(ProblemCodes.IdempotencyConflict,
                    "The Idempotency-Key was used for another request.", "Use a new key for a different order.");
            default:
                return ApiProblem.Validation(outcome.Errors.Select(error => (error.Field, error.Message)));
        }
    }

    private static async Task<Results<Ok<OrderList>, ApiProblem>> ListAsync(ClaimsPrincipal user, IGrainFactory grains, int? page, int? pageSize)
    {
        if (Paging.Check(page, pageSize, out var p, out var size) is { } invalid)
        {
            return invalid;
        }

        var actor = CurrentActor.Of(user);
        var ids = await grains.GetGrain<IShopperGrain>(actor.UserId).ListOrders(p, size);
        var orders = await Task.WhenAll(ids.OrderIds.Select(id => grains.GetGrain<IOrderGrain>(id).Get()));
        return TypedResults.Ok(new OrderList([.. orders.OfType<OrderView>()], ids.Page, ids.PageSize, ids.Total));
    }

    private static async Task<Results<Ok<OrderView>, ApiProblem>> GetAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains) =>
        await FindAsync(orderId, CurrentActor.Of(user), grains) is { } order ? TypedResults.Ok(order) : ApiProblem.NotFound("order");

    private static async Task<Results<Ok<PaymentPage>, ApiProblem>> GetPaymentPageAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await FindAsync(orderId, CurrentActor.Of(user), grains) is not { } order)
        {
            return ApiProblem.NotFound("order");
        }

        var due = order.State == OrderState.AwaitingPayment ? order.Total : order.Total with { Amount = 0 };
        return TypedResults.Ok(new PaymentPage(order.OrderId, order.State, due, order.PaymentDeadline, order.PaymentAttemptsLeft));
    }

    private static async Task<Results<Ok<OrderView>, ApiProblem>> PayAsync(
        string orderId, PayBody? body, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!IdempotencyKey.TryRead(request, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        if (!RequestKeys.IsValid(body?.PaymentKey))
        {
            return ApiProblem.Validation("paymentKey", RequestKeys.Required("A payment key"));
        }

        if (!RouteIds.IsWellFormed(orderId))
        {
            return ApiProblem.NotFound("order");
        }

        var actor = CurrentActor.Of(user);
        var outcome = await grains.GetGrain<IOrderGrain>(orderId).Pay(new PayRequest(actor.UserId, body!.PaymentKey!, key));
        return outcome.Status == PayStatus.Paid ? TypedResults.Ok(outcome.Order!) : OrderProblems.Pay(outcome);
    }

    private static async Task<Results<Ok<OrderView>, ApiProblem>> CancelAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (!RouteIds.IsWellFormed(orderId))
        {
            return ApiProblem.NotFound("order");
        }

        var outcome = await grains.GetGrain<IOrderGrain>(orderId).Cancel(CurrentActor.Of(user));
        return outcome.Status switch
        {
            CancelStatus.Cancelled or CancelStatus.Refunded => TypedResults.Ok(outcome.Order!),
            CancelStatus.NotFound => ApiProblem.NotFound("order"),
            CancelStatus.AlreadyEnded => ApiProblem.Create(ProblemCodes.OrderNotPayable,
                "The order has already ended.", $"The order is {outcome.Order?.State.ToString() ?? "ended"}."),
            _ => ApiProblem.Create(ProblemCodes.PaymentFailed,
                "The refund could not be made now.", outcome.Message ?? "Try again later."),
        };
    }

    /// <summary>The order if the actor may see it; another shopper's order is "not found", so ids leak nothing.</summary>
    private static async Task<OrderView?> FindAsync(string orderId, Actor actor, IGrainFactory grains)
    {
        if (!RouteIds.IsWellFormed(orderId))
        {
            return null;
        }

        var order = await grains.GetGrain<IOrderGrain>(orderId).Get();
        return order is not null && (order.ShopperId == actor.UserId || actor.IsOperator) ? order : null;
    }

    private static ApiProblem? ReadLines(PlaceOrderBody? body, out List<OrderLine> lines)
    {
        lines = [];
        if (body?.Lines is null)
        {
            return ApiProblem.Validation("lines", "An order needs at least one line.");
        }

        var errors = new List<(string, string)>();
        for (var i = 0; i < body.Lines.Count; i++)
        {
            var line = body.Lines[i];
            if (line is null)
            {
                errors.Add(($"lines[{i}]", "A line must be an object with productId and quantity."));
                continue;
            }

            if (!RouteIds.IsWellFormed(line.ProductId))
            {
                errors.Add(($"lines[{i}].productId", $"A product id of 1 to {RouteIds.MaxLength} letters, digits, '-' or '_' is required."));
            }

            if (line.Quantity is null)
            {
                errors.Add(($"lines[{i}].quantity", "A quantity is required."));
            }

            if (errors.Count == 0)
            {
                lines.Add(new OrderLine(line.ProductId!, line.Quantity!.Value));
            }
        }

        return errors.Count > 0 ? ApiProblem.Validation(errors) : null;
    }
}
