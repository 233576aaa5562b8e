using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Messaging;
using RunRun.Actors.Runtime;
using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;

namespace RunRun.Actors.Hosting;

/// <summary>Puts a silo or a cluster client on the .NET generic host.</summary>
public static class ActorsHostingExtensions
{
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddSilo(builder.Services, builder.Configuration, configure);
        return builder;
    }

    public static IHostBuilder UseSilo(this IHostBuilder builder, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices((context, services) => AddSilo(services, context.Configuration, configure));
    }

    /// <summary>A client of a silo in this process (the network transport arrives with the cluster).</summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddClient(builder.Services, builder.Configuration, configure);
        return builder;
    }

    public static IHostBuilder UseClusterClient(this IHostBuilder builder, Action<ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices((context, services) => AddClient(services, context.Configuration, configure));
    }

    private static void AddSilo(IServiceCollection services, IConfiguration configuration, Action<ISiloBuilder> configure)
    {
        if (services.Any(d => d.ServiceType == typeof(Silo)))
        {
            throw new InvalidOperationException("UseSilo may be called once per host.");
        }

        AddShared(services, configuration);
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateOnStart();
        services.AddOptions<GrainCollectionOptions>().BindConfiguration(GrainCollectionOptions.SectionName).ValidateOnStart();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.SectionName).ValidateOnStart();
        services.AddOptions<JournalOptions>().BindConfiguration(JournalOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainCollectionOptions>, SiloOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, SiloOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JournalOptions>, SiloOptionsValidation>());

        services.TryAddSingleton<JournalMetrics>();
        services.AddSingleton<SiloRuntime>();
        services.AddSingleton<GrainFactoryBase>(sp => sp.GetRequiredService<SiloRuntime>());
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>());
        services.TryAddSingleton<IClusterClient>(sp => sp.GetRequiredService<SiloRuntime>());
        services.AddSingleton<ActivationCollector>();
        services.AddSingleton(sp => new SiloStatistics(sp.GetRequiredService<SiloRuntime>(), sp.GetRequiredService<JournalMetrics>()));
        services.AddSingleton<InProcessGateway>();
        services.AddSingleton(sp => new Silo(
            sp,
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<ActivationCollector>(),
            sp.GetRequiredService<InProcessGateway>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Silo>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        configure(new SiloBuilder(services, configuration));
    }

    private static void AddClient(IServiceCollection services, IConfiguration configuration, Action<ClientOptions>? configure)
    {
        AddShared(services, configuration);
        var options = services.AddOptions<ClientOptions>().BindConfiguration(ClientOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<ClusterClient>();
        services.AddSingleton<GrainFactoryBase>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
    }

    private static void AddShared(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ActorSerializer)))
        {
            return;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, SiloOptionsValidation>());
        services.TryAddSingleton(configuration);
        services.AddSingleton(sp => new ActorSerializer(
            [new GrainReferenceTypeInfoResolver(() => sp.GetRequiredService<GrainFactoryBase>()), .. sp.GetServices<IJsonTypeInfoResolver>()]));
        services.TryAddSingleton<IGrainStorageSerializer, JsonGrainStorageSerializer>();
    }
}
