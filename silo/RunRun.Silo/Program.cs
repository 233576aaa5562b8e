using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;
using RunRun.Silo;
using RunRun.Silo.Samples;

// The silo host. Until the sale grains land it runs one sample grain, so that a start proves the
// runtime, SQLite storage and reminders work end to end.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
builder.UseSilo(silo => silo
    .UseSqliteStorage(options.DataSource)
    .AddSerializerContext(SampleJsonContext.Default));
builder.Services.AddHostedService<SampleGreeting>();

await builder.Build().RunAsync();
