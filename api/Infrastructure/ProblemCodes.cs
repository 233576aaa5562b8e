namespace RunRun.Api.Infrastructure;

/// <summary>The stable problem codes clients may branch on; api/README.md lists their statuses.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthorized = "unauthorized";
    public const string InvalidCredentials = "invalid_credentials";
    public const string PaymentDeclined = "payment_declined";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string AccountExists = "account_exists";
    public const string SoldOut = "sold_out";
    public const string InsufficientStock = "insufficient_stock";
    public const string LimitExceeded = "limit_exceeded";
    public const string NotOnSale = "not_on_sale";
    public const string OrderExpired = "order_expired";
    public const string OrderNotPayable = "order_not_payable";
    public const string Conflict = "conflict";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RateLimited = "rate_limited";
    public const string PaymentFailed = "payment_failed";
    public const string ProductUnavailable = "product_unavailable";
    public const string Overloaded = "overloaded";
    public const string Unavailable = "unavailable";
    public const string InternalError = "internal_error";
}
