using System.Collections.Frozen;

namespace RunRun.Api.Infrastructure;

/// <summary>One problem code: the status it is answered with, what it means, and what it adds to the problem.</summary>
/// <param name="Code">The stable <c>code</c> member.</param>
/// <param name="Status">The HTTP status every problem with this code has.</param>
/// <param name="Meaning">What a client should understand by it.</param>
/// <param name="Fields">Members the problem carries besides the RFC 9457 ones and <c>code</c>.</param>
/// <param name="RetryAfter">Whether the answer carries a Retry-After header.</param>
internal sealed record ProblemType(string Code, int Status, string Meaning, string[] Fields, bool RetryAfter = false);

/// <summary>
/// Every problem code the API answers with, and its status. <see cref="ApiProblem"/> takes its
/// status from here, and the OpenAPI document describes each operation's problems from here, so
/// the two cannot disagree.
/// </summary>
internal static class ProblemCatalog
{
    public static readonly FrozenDictionary<string, ProblemType> Types = new ProblemType[]
    {
        new(ProblemCodes.ValidationFailed, StatusCodes.Status400BadRequest, "The request is not valid; nothing changed.", ["errors"]),
        new(ProblemCodes.Unauthorized, StatusCodes.Status401Unauthorized, "No valid bearer token (missing, forged, expired or for another audience).", []),
        new(ProblemCodes.InvalidCredentials, StatusCodes.Status401Unauthorized, "Wrong email or password.", []),
        new(ProblemCodes.PaymentDeclined, StatusCodes.Status402PaymentRequired, "The card was declined; the order stays payable until its deadline.", ["gatewayCode", "attemptsLeft"]),
        new(ProblemCodes.Forbidden, StatusCodes.Status403Forbidden, "Signed in, but not allowed to do this.", []),
        new(ProblemCodes.NotFound, StatusCodes.Status404NotFound, "No such resource, or one that belongs to someone else.", []),
        new(ProblemCodes.AccountExists, StatusCodes.Status409Conflict, "An account with this email exists.", []),
        new(ProblemCodes.Conflict, StatusCodes.Status409Conflict, "A product with this id exists.", []),
        new(ProblemCodes.SoldOut, StatusCodes.Status409Conflict, "A line's product is sold out.", ["productId", "lines"]),
        new(ProblemCodes.InsufficientStock, StatusCodes.Status409Conflict, "Fewer units are left than a line asks for.", ["productId", "available", "lines"]),
        new(ProblemCodes.LimitExceeded, StatusCodes.Status409Conflict, "The line would take the shopper over the product's per-shopper limit.", ["productId", "lines"]),
        new(ProblemCodes.NotOnSale, StatusCodes.Status409Conflict, "The product's sale has not opened (opensAt) or has closed (opensAt null).", ["productId", "opensAt", "lines"]),
        new(ProblemCodes.OrderExpired, StatusCodes.Status409Conflict, "The payment deadline passed; the stock went back on sale and nothing was charged.", []),
        new(ProblemCodes.OrderNotPayable, StatusCodes.Status409Conflict, "The order is cancelled, refunded, failed or out of payment attempts.", []),
        new(ProblemCodes.PayloadTooLarge, StatusCodes.Status413PayloadTooLarge, "The request body is larger than the configured limit.", []),
        new(ProblemCodes.IdempotencyConflict, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used with another body.", []),
        new(ProblemCodes.RateLimited, StatusCodes.Status429TooManyRequests, "Too many orders or payments from this account; wait Retry-After seconds.", [], RetryAfter: true),
        new(ProblemCodes.InternalError, StatusCodes.Status500InternalServerError, "A fault on RunRun's side.", []),
        new(ProblemCodes.PaymentFailed, StatusCodes.Status502BadGateway, "The payment system failed; nothing was charged twice.", ["gatewayCode"]),
        new(ProblemCodes.ProductUnavailable, StatusCodes.Status503ServiceUnavailable, "The product's checkout breaker is open; come back after Retry-After.", ["productId", "lines"], RetryAfter: true),
        new(ProblemCodes.Overloaded, StatusCodes.Status503ServiceUnavailable, "The API shed the request before it drowned; come back after Retry-After.", [], RetryAfter: true),
        new(ProblemCodes.Unavailable, StatusCodes.Status503ServiceUnavailable, "The cluster did not answer in time, or (readyz) is not ready.", [], RetryAfter: true),
    }.ToFrozenDictionary(type => type.Code, StringComparer.Ordinal);

    /// <summary>The status of <paramref name="code"/>; a code missing here is a bug, caught by the first test that meets it.</summary>
    public static int StatusOf(string code) => Types.TryGetValue(code, out var type)
        ? type.Status
        : throw new ArgumentOutOfRangeException(nameof(code), code, "Not a problem code of the catalogue.");
}
