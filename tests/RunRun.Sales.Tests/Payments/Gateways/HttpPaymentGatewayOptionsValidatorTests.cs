using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

public sealed class HttpPaymentGatewayOptionsValidatorTests
{
    private static HttpPaymentGatewayOptions Valid() => new()
    {
        BaseAddress = new Uri("https://api.tosspayments.com/"),
        SecretKey = "test_sk_secret",
        Timeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void Validate_CompleteOptions_Succeeds()
    {
        new HttpPaymentGatewayOptionsValidator().Validate(null, Valid()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Validate_Defaults_FailsNamingBaseAddressAndSecretKey()
    {
        var result = new HttpPaymentGatewayOptionsValidator().Validate(null, new HttpPaymentGatewayOptions());

        result.Failures.ShouldNotBeNull();
        result.Failures.Count().ShouldBe(2);
        result.FailureMessage!.ShouldContain("RunRun:Payments:Http:BaseAddress must be set");
        result.FailureMessage!.ShouldContain("RunRun:Payments:Http:SecretKey must be set");
    }

    [Theory]
    [InlineData("/v1/payments")]
    [InlineData("ftp://files.example/")]
    public void Validate_NotAnAbsoluteHttpUri_FailsNamingTheKeyAndValue(string address)
    {
        var options = Valid();
        options.BaseAddress = new Uri(address, UriKind.RelativeOrAbsolute);

        var result = new HttpPaymentGatewayOptionsValidator().Validate(null, options);

        result.FailureMessage!.ShouldContain($"RunRun:Payments:Http:BaseAddress must be an absolute http or https URI (was '{address}')");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NonPositiveTimeout_FailsNamingTheKey(int seconds)
    {
        var options = Valid();
        options.Timeout = TimeSpan.FromSeconds(seconds);

        var result = new HttpPaymentGatewayOptionsValidator().Validate(null, options);

        result.FailureMessage!.ShouldContain("RunRun:Payments:Http:Timeout must be a positive time span");
    }

    [Fact]
    public void Validate_AnyFailure_NeverEchoesTheSecretKey()
    {
        var options = Valid();
        options.BaseAddress = null;
        options.Timeout = TimeSpan.Zero;

        var result = new HttpPaymentGatewayOptionsValidator().Validate(null, options);

        result.FailureMessage!.ShouldNotContain(options.SecretKey);
    }
}
