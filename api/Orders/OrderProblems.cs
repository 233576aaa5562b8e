using RunRun.Api.Infrastructure;
using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Api.Orders;

/// <summary>How the order grain's outcomes read at the HTTP edge.</summary>
internal static class OrderProblems
{
    public static ApiProblem Rejected(IReadOnlyList<LineRejection> rejections)
    {
        var problem = ForLine(rejections[0].ProductId, rejections[0].Outcome);
        problem.With("lines", rejections.Select(line => new Dictionary<string, object?>
        {
            ["productId"] = line.ProductId,
            ["code"] = CodeOf(line.Outcome.Status),
            ["available"] = line.Outcome.Status == ReserveStatus.Insufficient ? line.Outcome.Available : null,
            ["opensAt"] = line.Outcome.OpensAt,
            ["reason"] = line.Outcome.Reason,
        }).ToArray());
        return problem;
    }

    public static ApiProblem SoldOut(string productId) =>
        ApiProblem.Create(ProblemCodes.SoldOut, "Sold out.", $"Product '{productId}' is sold out.")
            .With("productId", productId);

    public static string CodeOf(ReserveStatus status) => status switch
    {
        ReserveStatus.Reserved => "reserved",
        ReserveStatus.Unavailable => ProblemCodes.ProductUnavailable,
        ReserveStatus.NotOnSale => ProblemCodes.NotOnSale,
        ReserveStatus.Invalid => ProblemCodes.ValidationFailed,
        ReserveStatus.LimitExceeded => ProblemCodes.LimitExceeded,
        ReserveStatus.SoldOut => ProblemCodes.SoldOut,
        ReserveStatus.Insufficient => ProblemCodes.InsufficientStock,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ApiProblem Pay(PayOutcome outcome) => outcome.Status switch
    {
        PayStatus.Declined => ApiProblem.Create(ProblemCodes.PaymentDeclined, "The payment was declined.", outcome.Message)
            .With("gatewayCode", outcome.Code).With("attemptsLeft", outcome.Order?.PaymentAttemptsLeft),
        PayStatus.Failed => ApiProblem.Create(ProblemCodes.PaymentFailed, "The payment system failed.",
            outcome.Message ?? "Nothing was charged twice; try again later.").With("gatewayCode", outcome.Code),
        PayStatus.Expired => ApiProblem.Create(ProblemCodes.OrderExpired, "The order has expired.",
            "Its payment deadline passed and its stock went back on sale; nothing was charged."),
        PayStatus.NotPayable => ApiProblem.Create(ProblemCodes.OrderNotPayable, "The order cannot be paid.",
            $"The order is {outcome.Order?.State.ToString() ?? "ended"}."),
        PayStatus.AttemptsExhausted => ApiProblem.Create(ProblemCodes.OrderNotPayable, "The order cannot be paid.",
            "It has no payment attempts left."),
        PayStatus.NotFound => ApiProblem.NotFound("order"),
        PayStatus.Invalid => ApiProblem.Validation("paymentKey", outcome.Message ?? "A payment key is required."),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, null),
    };

    private static ApiProblem ForLine(string productId, ReserveOutcome outcome)
    {
        var problem = outcome.Status switch
        {
            ReserveStatus.Unavailable => ApiProblem.Create(ProblemCodes.ProductUnavailable,
                "The product is unavailable for a moment.", outcome.Reason, outcome.RetryAfter ?? TimeSpan.FromSeconds(1)),
            ReserveStatus.NotOnSale => ApiProblem.Create(ProblemCodes.NotOnSale, "Not on sale.", outcome.Reason)
                .With("opensAt", outcome.OpensAt),
            ReserveStatus.Invalid => ApiProblem.Validation("lines", outcome.Reason ?? $"Product '{productId}' cannot be ordered."),
            ReserveStatus.LimitExceeded => ApiProblem.Create(ProblemCodes.LimitExceeded,
                "Over the per-shopper limit.", outcome.Reason),
            ReserveStatus.SoldOut => SoldOut(productId),
            ReserveStatus.Insufficient => ApiProblem.Create(ProblemCodes.InsufficientStock,
                "Not enough stock.", $"Only {outcome.Available} left of product '{productId}'.").With("available", outcome.Available),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Status, null),
        };
        return problem.With("productId", productId);
    }
}
