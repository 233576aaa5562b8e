namespace RunRun.Sales.Payments.Gateways;

/// <summary>The HTTP payment gateway, bound from RunRun:Payments:Http.</summary>
public sealed class HttpPaymentGatewayOptions
{
    public const string SectionName = "RunRun:Payments:Http";

    /// <summary>The provider's address, e.g. https://api.tosspayments.com/; the contract's paths are resolved against it.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The provider's secret key, sent as HTTP Basic credentials with an empty password.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>One call gives up after this long and reports a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
