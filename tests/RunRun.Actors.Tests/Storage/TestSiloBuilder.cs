using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Hosting;

namespace RunRun.Actors.Tests.Storage;

/// <summary>Just enough of a silo builder to check what storage registrations put into the container.</summary>
internal sealed class TestSiloBuilder(IConfiguration? configuration = null) : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();

    public IConfiguration Configuration { get; } = configuration ?? new ConfigurationBuilder().Build();
}
