using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RunRun.Actors.Hosting;

/// <summary>Configures a silo: its services, storage providers, filters and options.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}
