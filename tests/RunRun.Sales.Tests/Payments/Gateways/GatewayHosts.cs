using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RunRun.Actors.Hosting;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>Builds (never starts) a silo host, to resolve what the gateway extensions registered.</summary>
internal static class GatewayHosts
{
    public static IHost BuildSilo(Action<ISiloBuilder> configure, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.UseSilo(configure);
        return builder.Build();
    }
}
