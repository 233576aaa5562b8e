namespace RunRun.Sales.Hosting;

/// <summary>The stock breaker, bound from RunRun:Sales:Breaker.</summary>
public sealed class StockBreakerOptions
{
    public const string SectionName = "RunRun:Sales:Breaker";

    /// <summary>The share of a product's recent checkouts failing for system reasons that opens the breaker.</summary>
    public double FailureRatio { get; set; } = 0.1;

    /// <summary>How far back "recent" reaches.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checkouts that must be seen in the window before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>How long every reservation fails fast once the breaker opens.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Products, bound from RunRun:Sales:Products.</summary>
public sealed class ProductOptions
{
    public const string SectionName = "RunRun:Sales:Products";

    /// <summary>
    /// The currencies a product may be priced in, so that no product goes on sale that the payment
    /// gateway cannot charge. Empty allows any ISO 4217 code (the simulator charges any); the HTTP
    /// gateway, which charges KRW only, makes KRW the default and refuses others at start-up.
    /// </summary>
    public List<string> Currencies { get; set; } = [];
}

/// <summary>Orders, bound from RunRun:Sales:Orders.</summary>
public sealed class OrderOptions
{
    public const string SectionName = "RunRun:Sales:Orders";

    /// <summary>How long an order holds its stock waiting for payment.</summary>
    public TimeSpan PaymentHold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Declined payments allowed per order before it stops accepting more.</summary>
    public int MaxPaymentAttempts { get; set; } = 5;

    /// <summary>The period of the expiry reminder: an order ends at most this long after its deadline.</summary>
    public TimeSpan ExpiryReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a stock grain looks for holds older than the payment hold (plus one reminder
    /// period and this much again) and asks their orders about them: the safety net for an order
    /// whose silo died between reserving and recording the order.
    /// </summary>
    public TimeSpan HoldAuditPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a stock grain keeps a released hold, answering a repeated request for that order
    /// as already released; the hold audit prunes it afterwards so a product's state stays small.
    /// </summary>
    public TimeSpan ReleasedHoldRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a stock grain keeps a sold hold before the hold audit archives it: the units stay
    /// sold and count towards the shopper's limit, and a later refund still returns them, once, but
    /// a product's state no longer grows with every sale it ever made. At least the audit's horizon
    /// (PaymentHold + ExpiryReminderPeriod + HoldAuditPeriod), so an order still settling its
    /// payment always finds its hold.
    /// </summary>
    public TimeSpan SoldHoldRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How old a reserved hold must be before the hold audit asks its order about it.</summary>
    public TimeSpan HoldAuditHorizon => PaymentHold + ExpiryReminderPeriod + HoldAuditPeriod;

    /// <summary>Lines per order at most.</summary>
    public int MaxLines { get; set; } = 20;

    /// <summary>Units per line at most.</summary>
    public int MaxQuantityPerLine { get; set; } = 100;
}

/// <summary>Payment calls, bound from RunRun:Sales:Payments.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "RunRun:Sales:Payments";

    /// <summary>Retries of a transient gateway failure (so MaxRetries + 1 calls at most).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Spreads retries randomly so that many orders failing together do not retry together.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>One gateway call gives up after this long.</summary>
    /// <remarks>With the retries this stays under the 30 s grain call timeout of the order waiting for it.</remarks>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an abandoned payment whose last charge was in doubt asks the gateway again, until it
    /// can say whether the charge went through (and it is refunded) or not.
    /// </summary>
    public TimeSpan ReconcilePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a charge whose answer was lost the gateway's "no payment for this order" is not
    /// taken as final: the provider may still be processing the charge (a payment key can be
    /// confirmed for ten minutes after the shopper authorised it, at Toss).
    /// </summary>
    public TimeSpan InDoubtWindow { get; set; } = TimeSpan.FromMinutes(15);
}
