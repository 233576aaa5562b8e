using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;

namespace RunRun.Sales.Hosting;

/// <summary>Adds the sale's grains' configuration to a silo.</summary>
public static class SalesSiloBuilderExtensions
{
    /// <summary>
    /// Registers the sale's serializer metadata and options (bound from RunRun:Sales and validated at
    /// start-up). A payment gateway is registered separately: the simulator or the HTTP gateway.
    /// </summary>
    public static ISiloBuilder AddSales(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSerializerContext(SalesJsonContext.Default);
        builder.AddSerializerContext(SalesStateJsonContext.Default);
        builder.AddSerializerContext(Products.ProductStateJsonContext.Default);
        builder.AddSerializerContext(Shoppers.ShopperStateJsonContext.Default);
        var services = builder.Services;
        services.AddOptions<StockBreakerOptions>().BindConfiguration(StockBreakerOptions.SectionName).ValidateOnStart();
        services.AddOptions<ProductOptions>().BindConfiguration(ProductOptions.SectionName).ValidateOnStart();
        services.AddOptions<OrderOptions>().BindConfiguration(OrderOptions.SectionName).ValidateOnStart();
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StockBreakerOptions>, SalesOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProductOptions>, SalesOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrderOptions>, SalesOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentOptions>, SalesOptionsValidation>());
        services.TryAddSingleton<Payments.GatewayPipeline>();
        return builder;
    }
}
