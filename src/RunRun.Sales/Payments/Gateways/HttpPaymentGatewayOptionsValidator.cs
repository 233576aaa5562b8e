using Microsoft.Extensions.Options;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Rejects unusable <see cref="HttpPaymentGatewayOptions"/> at start-up, naming the configuration key to fix.</summary>
public sealed class HttpPaymentGatewayOptionsValidator : IValidateOptions<HttpPaymentGatewayOptions>
{
    private const string Prefix = HttpPaymentGatewayOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, HttpPaymentGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseAddress is null)
        {
            failures.Add($"{Prefix}{nameof(options.BaseAddress)} must be set to the payment provider's address, e.g. https://api.tosspayments.com/.");
        }
        else if (!options.BaseAddress.IsAbsoluteUri || (options.BaseAddress.Scheme != Uri.UriSchemeHttp && options.BaseAddress.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}{nameof(options.BaseAddress)} must be an absolute http or https URI (was '{options.BaseAddress.OriginalString}').");
        }

        // The key itself is never echoed: it is a secret.
        if (string.IsNullOrWhiteSpace(options.SecretKey))
        {
            failures.Add($"{Prefix}{nameof(options.SecretKey)} must be set to the payment provider's secret key.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > DelayLimits.Max)
        {
            failures.Add($"{Prefix}{nameof(options.Timeout)} must be a positive time span such as 00:00:10, at most {DelayLimits.Max} (was {options.Timeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
