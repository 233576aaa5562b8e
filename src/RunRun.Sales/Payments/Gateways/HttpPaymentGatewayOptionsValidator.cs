using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Rejects unusable <see cref="HttpPaymentGatewayOptions"/> at start-up, naming the configuration key to fix.</summary>
public sealed class HttpPaymentGatewayOptionsValidator : IValidateOptions<HttpPaymentGatewayOptions>
{
    private const string Prefix = HttpPaymentGatewayOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, HttpPaymentGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.BaseAddress;
        return OptionsChecks.Collect(
            address is null
                ? $"{Prefix}{nameof(options.BaseAddress)} must be set to the payment provider's address, e.g. https://api.tosspayments.com/."
                : !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
                    ? $"{Prefix}{nameof(options.BaseAddress)} must be an absolute http or https URI (was '{address.OriginalString}')."
                    : null,
            // The key itself is never echoed: it is a secret.
            string.IsNullOrWhiteSpace(options.SecretKey)
                ? $"{Prefix}{nameof(options.SecretKey)} must be set to the payment provider's secret key."
                : null,
            options.Timeout <= TimeSpan.Zero || options.Timeout > DelayLimits.Max
                ? $"{Prefix}{nameof(options.Timeout)} must be a positive time span such as 00:00:10, at most {DelayLimits.Max} (was {options.Timeout})."
                : null);
    }
}
