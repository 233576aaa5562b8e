using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>Start-up checks of the API's options: each refusal names the key to fix.</summary>
public sealed class ApiOptionsValidationTests
{
    private static readonly string Key = Convert.ToBase64String(new byte[32]);

    private static string? Failure(Action<ApiOptions> configure)
    {
        var options = new ApiOptions();
        configure(options);
        return new ApiOptionsValidation().Validate(null, options).FailureMessage;
    }

    [Fact]
    public void Validate_Defaults_Succeeds() => Failure(_ => { }).ShouldBeNull();

    [Theory]
    [InlineData("RunRun:Api:MaxRequestBodyBytes")]
    [InlineData("RunRun:Api:MaxConcurrentRequests")]
    [InlineData("RunRun:Api:SoldOutRecheckPeriod")]
    [InlineData("RunRun:Api:Jwt:Audience")]
    [InlineData("RunRun:Api:RateLimit:BurstSize")]
    [InlineData("RunRun:Api:Operator:Email")]
    public void Validate_BadSetting_NamesTheKey(string key)
    {
        var failure = Failure(options =>
        {
            switch (key)
            {
                case "RunRun:Api:MaxRequestBodyBytes": options.MaxRequestBodyBytes = 10; break;
                case "RunRun:Api:MaxConcurrentRequests": options.MaxConcurrentRequests = 0; break;
                case "RunRun:Api:SoldOutRecheckPeriod": options.SoldOutRecheckPeriod = TimeSpan.Zero; break;
                case "RunRun:Api:Jwt:Audience": options.Jwt.Audience = " "; break;
                case "RunRun:Api:RateLimit:BurstSize": options.RateLimit.BurstSize = 0; break;
                default: options.Operator.Email = "op@example.com"; break;
            }
        });

        failure.ShouldNotBeNull();
        failure.ShouldContain(key);
    }

    // Keys are found by issuer name: a clash with ours would let the external key mint our tokens.
    [Fact]
    public void Validate_ExternalIssuerNamedLikeOurs_Refused()
    {
        var failure = Failure(options => options.Jwt.ExternalIssuers.Add(new ExternalIssuerOptions { Issuer = options.Jwt.Issuer, SigningKey = Key }));

        failure.ShouldNotBeNull();
        failure.ShouldContain("RunRun:Api:Jwt:ExternalIssuers:0:Issuer must differ from RunRun:Api:Jwt:Issuer");
    }

    [Fact]
    public void Validate_ExternalIssuerListedTwice_Refused()
    {
        var failure = Failure(options =>
        {
            options.Jwt.ExternalIssuers.Add(new ExternalIssuerOptions { Issuer = "sso", SigningKey = Key });
            options.Jwt.ExternalIssuers.Add(new ExternalIssuerOptions { Issuer = "sso", SigningKey = Key });
        });

        failure.ShouldNotBeNull();
        failure.ShouldContain("RunRun:Api:Jwt:ExternalIssuers:1:Issuer ('sso') is listed twice");
    }

    [Fact]
    public void Validate_ExternalIssuerWithShortKey_NamesItsKey() =>
        Failure(options => options.Jwt.ExternalIssuers.Add(new ExternalIssuerOptions { Issuer = "sso", SigningKey = "c2hvcnQ=" }))
            .ShouldNotBeNull().ShouldContain("RunRun:Api:Jwt:ExternalIssuers:0:SigningKey");
}
