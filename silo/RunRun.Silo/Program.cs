using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments.Gateways;
using RunRun.Silo;
using RunRun.Silo.Samples;

// The silo host: the sale's grains with the payment simulator, and one sample grain that greets at
// start-up, so that a start proves the runtime and SQLite storage work end to end.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
builder.UseSilo(silo => silo
    .UseSqliteStorage(options.DataSource)
    .AddSales()
    .AddSimulatedPaymentGateway()
    .AddSerializerContext(SampleJsonContext.Default));
builder.Services.AddHostedService<SampleGreeting>();

await builder.Build().RunAsync();
