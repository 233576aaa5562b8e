using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunRun.Actors.Hosting;
using RunRun.Actors.Runtime;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Hosting;

public sealed class ClusterClientHostingTests
{
    [Fact]
    public async Task UseClusterClient_SeparateHostSameClusterId_ReachesGrainsOfTheSilo()
    {
        var clusterId = HostingTestHosts.NewClusterId();
        using var silo = HostingTestHosts.BuildSilo(clusterId);
        await silo.StartAsync();
        try
        {
            using var clientHost = HostingTestHosts.BuildClient(clusterId);
            await clientHost.StartAsync();
            try
            {
                var client = clientHost.Services.GetRequiredService<IClusterClient>();
                (await client.GetGrain<ICounterGrain>("remote").Increment()).ShouldBe(1);
                (await clientHost.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("remote").Increment()).ShouldBe(2);
                (await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("remote").Get()).ShouldBe(2, "the client's calls ran on the silo's activation");
                silo.Services.GetRequiredService<Silo>().ActivationCount.ShouldBe(1);
            }
            finally
            {
                await clientHost.StopAsync();
            }
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task UseClusterClient_ClusterIdOfNoRunningSilo_FailsAtStartNamingTheKey()
    {
        var running = HostingTestHosts.NewClusterId();
        var missing = HostingTestHosts.NewClusterId();
        using var silo = HostingTestHosts.BuildSilo(running);
        await silo.StartAsync();
        try
        {
            using var clientHost = HostingTestHosts.BuildClient(missing);

            var error = await Should.ThrowAsync<SiloUnavailableException>(() => clientHost.StartAsync());

            error.Message.ShouldContain("RunRun:Client:ClusterId");
            error.Message.ShouldContain(missing);
        }
        finally
        {
            await silo.StopAsync();
        }
    }
}
