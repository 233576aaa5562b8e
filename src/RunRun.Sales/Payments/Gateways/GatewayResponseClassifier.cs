using System.Net;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// Turns a provider's unsuccessful HTTP answer into a <see cref="GatewayResult"/>. The kind decides
/// what the payment grain does next, so it asks whose fault the answer is: the shopper's
/// (Declined: the order stays payable), nobody's yet (TransientFailure: retry with the same
/// idempotency key) or the system's (Failed: counts against the product's breaker).
/// </summary>
internal static class GatewayResponseClassifier
{
    /// <summary>Codes Toss sends with a 4xx that mean "try again", not "declined".</summary>
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        PaymentGatewayCodes.ProviderError,
        PaymentGatewayCodes.IdempotentRequestProcessing,
    };

    /// <summary>Codes sent with a 4xx that blame our request or credentials: no shopper can fix them.</summary>
    private static readonly HashSet<string> MerchantFaultCodes = new(StringComparer.Ordinal)
    {
        PaymentGatewayCodes.UnauthorizedKey,
        PaymentGatewayCodes.InvalidApiKey,
        PaymentGatewayCodes.InvalidRequest,
        PaymentGatewayCodes.IdempotencyKeyReused,
    };

    public static GatewayResult Classify(PaymentOperation operation, HttpStatusCode statusCode, PaymentErrorResponse? error)
    {
        var status = (int)statusCode;
        var providerCode = string.IsNullOrWhiteSpace(error?.Code) ? null : error.Code;
        var kind = KindOf(operation, status, providerCode);
        return new GatewayResult(kind, Code: providerCode ?? $"HTTP_{status}", Message: error?.Message);
    }

    private static GatewayResultKind KindOf(PaymentOperation operation, int status, string? code) => status switch
    {
        // Our secret key is wrong or missing: a configuration fault, not the shopper's card.
        401 => GatewayResultKind.Failed,

        // We only cancel payments we confirmed, so the provider not knowing one is a system fault.
        404 when operation == PaymentOperation.Cancel => GatewayResultKind.Failed,
        400 or 403 or 404 or 409 or 422 => code switch
        {
            // A 4xx without the provider's code came from something else on the way (a proxy, a wrong path).
            null => GatewayResultKind.Failed,
            _ when TransientCodes.Contains(code) => GatewayResultKind.TransientFailure,
            _ when MerchantFaultCodes.Contains(code) => GatewayResultKind.Failed,
            _ => GatewayResultKind.Declined,
        },
        408 or 429 or 502 or 503 or 504 => GatewayResultKind.TransientFailure,

        // 500 and anything outside the contract: the provider's system failed, and the same request will fail again.
        _ => GatewayResultKind.Failed,
    };
}
