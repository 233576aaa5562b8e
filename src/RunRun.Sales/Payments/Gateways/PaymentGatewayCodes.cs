namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// The error codes the gateways put in <see cref="GatewayResult.Code"/>. Most are Toss Payments'
/// own codes, so the simulator and a real provider answer alike; the rest are RunRun's, for
/// failures that never reached a provider.
/// </summary>
public static class PaymentGatewayCodes
{
    /// <summary>The card has too little balance or credit left.</summary>
    public const string NotEnoughBalance = "NOT_ENOUGH_BALANCE";

    /// <summary>The card issuer refused the payment.</summary>
    public const string RejectCardPayment = "REJECT_CARD_PAYMENT";

    /// <summary>The card is not one the provider knows.</summary>
    public const string InvalidCard = "INVALID_CARD";

    /// <summary>The provider is busy; the same call may succeed later.</summary>
    public const string ProviderBusy = "PROVIDER_BUSY";

    /// <summary>Toss's temporary error on a 400; the same call may succeed later.</summary>
    public const string ProviderError = "PROVIDER_ERROR";

    /// <summary>A call with the same idempotency key is still being processed.</summary>
    public const string IdempotentRequestProcessing = "IDEMPOTENT_REQUEST_PROCESSING";

    /// <summary>The provider's own systems failed.</summary>
    public const string FailedInternalSystemProcessing = "FAILED_INTERNAL_SYSTEM_PROCESSING";

    /// <summary>The payment key was confirmed already, under another idempotency key.</summary>
    public const string AlreadyProcessedPayment = "ALREADY_PROCESSED_PAYMENT";

    /// <summary>The order was paid already with another payment key.</summary>
    public const string DuplicatedOrderId = "DUPLICATED_ORDER_ID";

    /// <summary>The payment was cancelled already, under another idempotency key.</summary>
    public const string AlreadyCanceledPayment = "ALREADY_CANCELED_PAYMENT";

    /// <summary>No confirmed payment has this payment key.</summary>
    public const string NotFoundPayment = "NOT_FOUND_PAYMENT";

    /// <summary>The idempotency key was used before for a different request.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    /// <summary>The secret key was missing or wrong.</summary>
    public const string UnauthorizedKey = "UNAUTHORIZED_KEY";

    /// <summary>Toss's answer to a secret key it does not know.</summary>
    public const string InvalidApiKey = "INVALID_API_KEY";

    /// <summary>The request was malformed.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    /// <summary>RunRun's: the provider did not answer within the gateway's timeout.</summary>
    public const string GatewayTimeout = "GATEWAY_TIMEOUT";

    /// <summary>RunRun's: the provider could not be reached or the connection broke.</summary>
    public const string NetworkError = "NETWORK_ERROR";

    /// <summary>RunRun's: the provider answered a payment look-up with a body that is not a payment.</summary>
    public const string UnreadablePayment = "UNREADABLE_PAYMENT";

    /// <summary>RunRun's: the HTTP contract charges KRW only.</summary>
    public const string UnsupportedCurrency = "UNSUPPORTED_CURRENCY";
}
