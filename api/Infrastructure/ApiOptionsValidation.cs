using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;

namespace RunRun.Api.Infrastructure;

/// <summary>Start-up checks of the API's options; each message names the configuration key.</summary>
internal sealed class ApiOptionsValidation : IValidateOptions<ApiOptions>
{
    private const string Section = ApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var checks = new List<string?>
        {
            string.IsNullOrWhiteSpace(options.DataDirectory) ? $"{Section}:DataDirectory must name a folder." : null,
            options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024 ? $"{Section}:MaxRequestBodyBytes must be between 1024 and 16777216 (was {options.MaxRequestBodyBytes})." : null,
            options.MaxConcurrentRequests < 1 ? $"{Section}:MaxConcurrentRequests must be at least 1 (was {options.MaxConcurrentRequests})." : null,
            OptionsChecks.Positive(options.SoldOutRecheckPeriod, $"{Section}:SoldOutRecheckPeriod"),
            string.IsNullOrWhiteSpace(options.Jwt.Issuer) ? $"{Section}:Jwt:Issuer must not be empty." : null,
            string.IsNullOrWhiteSpace(options.Jwt.Audience) ? $"{Section}:Jwt:Audience must not be empty." : null,
            OptionsChecks.Positive(options.Jwt.Lifetime, $"{Section}:Jwt:Lifetime"),
            string.IsNullOrEmpty(options.Jwt.SigningKey) ? null : CheckKey(options.Jwt.SigningKey, $"{Section}:Jwt:SigningKey"),
            options.RateLimit.PermitsPerSecond < 1 ? $"{Section}:RateLimit:PermitsPerSecond must be at least 1 (was {options.RateLimit.PermitsPerSecond})." : null,
            options.RateLimit.BurstSize < 1 ? $"{Section}:RateLimit:BurstSize must be at least 1 (was {options.RateLimit.BurstSize})." : null,
            string.IsNullOrWhiteSpace(options.Operator.Email) != string.IsNullOrWhiteSpace(options.Operator.Password)
                ? $"{Section}:Operator:Email and {Section}:Operator:Password must be set together." : null,
        };
        for (var i = 0; i < options.Jwt.ExternalIssuers.Count; i++)
        {
            var issuer = options.Jwt.ExternalIssuers[i];
            checks.Add(string.IsNullOrWhiteSpace(issuer.Issuer) ? $"{Section}:Jwt:ExternalIssuers:{i}:Issuer must not be empty." : null);

            // Keys are looked up by issuer name: a clash would replace our key, or another issuer's, without a word.
            checks.Add(string.Equals(issuer.Issuer, options.Jwt.Issuer, StringComparison.Ordinal)
                ? $"{Section}:Jwt:ExternalIssuers:{i}:Issuer must differ from {Section}:Jwt:Issuer ('{issuer.Issuer}')." : null);
            checks.Add(options.Jwt.ExternalIssuers.Take(i).Any(earlier => string.Equals(earlier.Issuer, issuer.Issuer, StringComparison.Ordinal))
                ? $"{Section}:Jwt:ExternalIssuers:{i}:Issuer ('{issuer.Issuer}') is listed twice." : null);
            checks.Add(CheckKey(issuer.SigningKey, $"{Section}:Jwt:ExternalIssuers:{i}:SigningKey"));
        }

        return OptionsChecks.Collect([.. checks]);
    }

    private static string? CheckKey(string key, string path) =>
        SigningKeys.TryDecode(key, out _) ? null : $"{path} must be base64 of at least {SigningKeys.MinimumBytes} bytes.";
}
