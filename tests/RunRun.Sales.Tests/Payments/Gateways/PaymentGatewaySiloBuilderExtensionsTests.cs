using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

public sealed class PaymentGatewaySiloBuilderExtensionsTests
{
    [Fact]
    public void AddSimulatedPaymentGateway_Default_OneSimulatorIsTheGateway()
    {
        using var host = GatewayHosts.BuildSilo(silo => silo.AddSimulatedPaymentGateway());

        var gateway = host.Services.GetRequiredService<IPaymentGateway>();

        gateway.ShouldBeSameAs(host.Services.GetRequiredService<PaymentSimulator>());
        Should.NotThrow(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
    }

    [Fact]
    public void AddSimulatedPaymentGateway_ConfigurationAndConfigureAction_BothApplyWithTheActionLast()
    {
        using var host = GatewayHosts.BuildSilo(
            silo => silo.AddSimulatedPaymentGateway(o => o.FaultRate = 0.25),
            new() { ["RunRun:Payments:Simulator:Latency"] = "00:00:02", ["RunRun:Payments:Simulator:FaultRate"] = "0.5" });

        var options = host.Services.GetRequiredService<IOptions<PaymentSimulatorOptions>>().Value;

        options.Latency.ShouldBe(TimeSpan.FromSeconds(2));
        options.FaultRate.ShouldBe(0.25);
    }

    [Fact]
    public void AddSimulatedPaymentGateway_InvalidConfiguration_StartupValidationNamesTheKey()
    {
        using var host = GatewayHosts.BuildSilo(
            silo => silo.AddSimulatedPaymentGateway(),
            new() { ["RunRun:Payments:Simulator:FaultRate"] = "2" });

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("RunRun:Payments:Simulator:FaultRate");
    }

    [Fact]
    public void AddHttpPaymentGateway_FromConfiguration_IsTheGateway()
    {
        using var host = GatewayHosts.BuildSilo(
            silo => silo.AddHttpPaymentGateway(),
            new() { ["RunRun:Payments:Http:BaseAddress"] = "http://127.0.0.1:9/", ["RunRun:Payments:Http:SecretKey"] = "test_sk" });

        Should.NotThrow(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        host.Services.GetRequiredService<IPaymentGateway>().ShouldBeOfType<HttpPaymentGateway>();
    }

    private static readonly Dictionary<string, string?> HttpSettings = new()
    {
        ["RunRun:Payments:Http:BaseAddress"] = "http://127.0.0.1:9/",
        ["RunRun:Payments:Http:SecretKey"] = "test_sk",
    };

    [Fact]
    public void AddHttpPaymentGateway_NoCurrenciesConfigured_ProductsArePricedInKrwOnly()
    {
        using var host = GatewayHosts.BuildSilo(silo => silo.AddSales().AddHttpPaymentGateway(), HttpSettings);

        Should.NotThrow(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        host.Services.GetRequiredService<IOptions<ProductOptions>>().Value.Currencies.ShouldBe(["KRW"]);
    }

    [Fact]
    public void AddHttpPaymentGateway_AnotherCurrencyConfigured_StartupValidationRefusesIt()
    {
        using var host = GatewayHosts.BuildSilo(
            silo => silo.AddSales().AddHttpPaymentGateway(),
            new(HttpSettings) { ["RunRun:Sales:Products:Currencies:0"] = "KRW", ["RunRun:Sales:Products:Currencies:1"] = "USD" });

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("RunRun:Sales:Products:Currencies");
    }

    [Fact]
    public void AddHttpPaymentGateway_NothingConfigured_StartupValidationNamesTheKeys()
    {
        using var host = GatewayHosts.BuildSilo(silo => silo.AddHttpPaymentGateway());

        var error = Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        error.Message.ShouldContain("RunRun:Payments:Http:BaseAddress");
        error.Message.ShouldContain("RunRun:Payments:Http:SecretKey");
    }

    [Fact]
    public void AddHttpPaymentGateway_AfterTheSimulator_ReplacesIt()
    {
        using var host = GatewayHosts.BuildSilo(silo => silo
            .AddSimulatedPaymentGateway()
            .AddHttpPaymentGateway(o =>
            {
                o.BaseAddress = new Uri("http://127.0.0.1:9/");
                o.SecretKey = "test_sk";
            }));

        host.Services.GetServices<IPaymentGateway>().Single().ShouldBeOfType<HttpPaymentGateway>();
    }
}
