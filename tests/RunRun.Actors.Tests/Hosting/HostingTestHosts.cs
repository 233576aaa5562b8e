using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Hosting;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Hosting;

/// <summary>Bare generic hosts (no default configuration sources) for silos and clients of a fresh cluster id.</summary>
internal static class HostingTestHosts
{
    public static string NewClusterId() => "hosting-" + Guid.NewGuid().ToString("N")[..12];

    public static HostApplicationBuilder CreateBuilder(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>A silo of <paramref name="clusterId"/> that can run the test grains.</summary>
    public static IHost BuildSilo(string clusterId)
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { [SiloOptions.SectionName + ":ClusterId"] = clusterId });
        builder.UseSilo(ConfigureTestGrains);
        return builder.Build();
    }

    /// <summary>A client host that joins <paramref name="clusterId"/> through configuration.</summary>
    public static IHost BuildClient(string clusterId)
    {
        var builder = CreateBuilder(new Dictionary<string, string?> { [ClientOptions.SectionName + ":ClusterId"] = clusterId });
        builder.Services.AddSingleton<IJsonTypeInfoResolver>(TestJsonContext.Default);
        builder.UseClusterClient();
        return builder.Build();
    }

    public static void ConfigureTestGrains(ISiloBuilder silo)
    {
        silo.AddSerializerContext(TestJsonContext.Default);
        silo.Services.AddSingleton<LifecycleLog>();
    }
}
