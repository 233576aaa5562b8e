using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RunRun.Actors.Hosting;

/// <summary>Silo configuration shortcuts.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Registers System.Text.Json metadata for the types your grains exchange and store.</summary>
    public static ISiloBuilder AddSerializerContext(this ISiloBuilder builder, JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSerializerContext(context);
        return builder;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter<TFilter>(this ISiloBuilder builder)
        where TFilter : class, IIncomingGrainCallFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return builder;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter(this ISiloBuilder builder, IIncomingGrainCallFilter filter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(filter);
        return builder;
    }

    public static ISiloBuilder AddOutgoingGrainCallFilter<TFilter>(this ISiloBuilder builder)
        where TFilter : class, IOutgoingGrainCallFilter
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return builder;
    }

    public static ISiloBuilder AddOutgoingGrainCallFilter(this ISiloBuilder builder, IOutgoingGrainCallFilter filter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(filter);
        return builder;
    }

    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Replaces the clock the silo uses for timers, reminders, timeouts and collection.</summary>
    public static ISiloBuilder UseTimeProvider(this ISiloBuilder builder, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton(timeProvider));
        return builder;
    }

    internal static IServiceCollection AddSerializerContext(this IServiceCollection services, JsonSerializerContext context)
    {
        services.AddSingleton<IJsonTypeInfoResolver>(context);
        return services;
    }
}
