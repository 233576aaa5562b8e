using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

/// <summary>A real Kestrel server on 127.0.0.1 serving a <see cref="PaymentSimulator"/> over the HTTP contract.</summary>
internal sealed class SimulatorServer : IAsyncDisposable
{
    public const string SecretKey = "test_sk_runrun";

    private readonly WebApplication _app;

    private SimulatorServer(WebApplication app, PaymentSimulator simulator, Uri baseAddress)
    {
        _app = app;
        Simulator = simulator;
        BaseAddress = baseAddress;
    }

    public PaymentSimulator Simulator { get; }

    public Uri BaseAddress { get; }

    public static async Task<SimulatorServer> StartAsync(Action<PaymentSimulatorOptions>? configure = null, string pathBase = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var simulator = Simulators.Create(configure: configure);
        builder.Services.AddSingleton(simulator);
        var app = builder.Build();
        IEndpointRouteBuilder routes = pathBase.Length == 0 ? app : app.MapGroup(pathBase);
        routes.MapPaymentSimulator(SecretKey);
        await app.StartAsync();
        return new SimulatorServer(app, simulator, new Uri(app.Urls.Single() + pathBase));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
