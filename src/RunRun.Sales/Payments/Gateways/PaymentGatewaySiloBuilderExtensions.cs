using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Sales.Hosting;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// Chooses the silo's <see cref="IPaymentGateway"/>. Each method replaces any gateway registered
/// before it, so the last choice wins. Options are bound from configuration, then the configure
/// action applies, and they are validated at start-up.
/// </summary>
public static class PaymentGatewaySiloBuilderExtensions
{
    /// <summary>Uses the in-process <see cref="PaymentSimulator"/> (also registered as itself, for tests to inspect).</summary>
    public static ISiloBuilder AddSimulatedPaymentGateway(this ISiloBuilder builder, Action<PaymentSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PaymentSimulatorOptions>()
            .Bind(builder.Configuration.GetSection(PaymentSimulatorOptions.SectionName))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentSimulatorOptions>, PaymentSimulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PaymentSimulator>();
        services.RemoveAll<IPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<PaymentSimulator>());
        return builder;
    }

    /// <summary>Uses <see cref="HttpPaymentGateway"/>, with a named client from <see cref="IHttpClientFactory"/>.</summary>
    public static ISiloBuilder AddHttpPaymentGateway(this ISiloBuilder builder, Action<HttpPaymentGatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<HttpPaymentGatewayOptions>()
            .Bind(builder.Configuration.GetSection(HttpPaymentGatewayOptions.SectionName))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpPaymentGatewayOptions>, HttpPaymentGatewayOptionsValidator>());

        // The contract charges KRW only: products priced otherwise could be ordered but never paid for.
        services.PostConfigure<ProductOptions>(products =>
        {
            if (products.Currencies.Count == 0)
            {
                products.Currencies.Add(HttpPaymentGateway.ContractCurrency);
            }
        });
        services.AddSingleton<IValidateOptions<ProductOptions>>(new ValidateOptions<ProductOptions>(
            Options.DefaultName,
            products => products.Currencies.All(c => c == HttpPaymentGateway.ContractCurrency),
            $"The HTTP payment gateway charges {HttpPaymentGateway.ContractCurrency} only, so {ProductOptions.SectionName}:Currencies may hold nothing else."));
        services.TryAddSingleton(TimeProvider.System);

        // The gateway times each call out itself; HttpClient's own timeout would only blur that.
        services.AddHttpClient(HttpPaymentGateway.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<HttpPaymentGateway>();
        services.RemoveAll<IPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<HttpPaymentGateway>());
        return builder;
    }
}
