using RunRun.Actors.Hosting;

namespace RunRun.Actors.Testing;

/// <summary>Configures every silo a <see cref="TestCluster"/> starts.</summary>
public interface ISiloConfigurator
{
    void Configure(ISiloBuilder siloBuilder);
}
