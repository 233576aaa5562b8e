using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Hosting;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

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

    /// <summary>A silo host whose gateway is the HTTP one, speaking to <paramref name="server"/> with its secret key.</summary>
    public static IHost GatewayFor(SimulatorServer server, Action<HttpPaymentGatewayOptions>? configure = null) =>
        BuildSilo(silo => silo.AddHttpPaymentGateway(o =>
        {
            o.BaseAddress = server.BaseAddress;
            o.SecretKey = SimulatorServer.SecretKey;
            configure?.Invoke(o);
        }));

    /// <summary>A silo host whose HTTP gateway speaks to an address where a server stopped: nothing listens there.</summary>
    public static async Task<IHost> GatewayForAStoppedServerAsync()
    {
        var server = await SimulatorServer.StartAsync();
        var stopped = server.BaseAddress;
        await server.DisposeAsync();
        return BuildSilo(silo => silo.AddHttpPaymentGateway(o =>
        {
            o.BaseAddress = stopped;
            o.SecretKey = SimulatorServer.SecretKey;
        }));
    }

    public static IPaymentGateway Gateway(IHost host) => host.Services.GetRequiredService<IPaymentGateway>();
}
