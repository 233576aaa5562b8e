using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Runtime;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Hosting;

public sealed class SiloHostingTests
{
    [Theory]
    [InlineData("RunRun:Silo:Messaging:ResponseTimeout", "00:00:00")]
    [InlineData("RunRun:Silo:Collection:CollectionAge", "-00:01:00")]
    [InlineData("RunRun:Silo:Collection:ClassSpecificCollectionAge:RunRun.Actors.Tests.Grains.LifecycleGrain", "00:00:00")]
    [InlineData("RunRun:Silo:Collection:ClassSpecificCollectionAge:RunRun.Actors.Tests.Grains.NoSuchGrain", "00:05:00")]
    [InlineData("RunRun:Silo:Journal:SnapshotInterval", "0")]
    [InlineData("RunRun:Silo:Journal:MaxWritesInFlight", "0")]
    [InlineData("RunRun:Silo:ClusterId", "")]
    public async Task StartAsync_InvalidSetting_FailsWithOptionsValidationExceptionNamingTheKey(string key, string value)
    {
        var clusterId = HostingTestHosts.NewClusterId();
        var settings = new Dictionary<string, string?> { [SiloOptions.SectionName + ":ClusterId"] = clusterId };
        settings[key] = value;
        var builder = HostingTestHosts.CreateBuilder(settings);
        builder.UseSilo(HostingTestHosts.ConfigureTestGrains);
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        error.Message.ShouldContain(key);
        // Nothing of the silo came up: a client of its cluster finds no gateway.
        using var client = HostingTestHosts.BuildClient(clusterId);
        await Should.ThrowAsync<SiloUnavailableException>(() => client.StartAsync());
    }

    [Fact]
    public async Task StartAsync_ValidSettings_StartsAndServesCalls()
    {
        var builder = HostingTestHosts.CreateBuilder(new Dictionary<string, string?>
        {
            [SiloOptions.SectionName + ":ClusterId"] = HostingTestHosts.NewClusterId(),
            ["RunRun:Silo:Messaging:ResponseTimeout"] = "00:00:05",
            ["RunRun:Silo:Collection:CollectionAge"] = "00:01:00",
            ["RunRun:Silo:Journal:SnapshotInterval"] = "1",
        });
        builder.UseSilo(HostingTestHosts.ConfigureTestGrains);
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            (await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("valid").Increment()).ShouldBe(1);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task UseSilo_OnHostBuilder_GrainFactoryFromServicesCallsGrain()
    {
        var clusterId = HostingTestHosts.NewClusterId();
        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [SiloOptions.SectionName + ":ClusterId"] = clusterId }))
            .ConfigureLogging(l => l.ClearProviders())
            .UseSilo(HostingTestHosts.ConfigureTestGrains)
            .Build();

        await host.StartAsync();
        try
        {
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            (await factory.GetGrain<ICounterGrain>("host-builder").Increment()).ShouldBe(1);
            (await factory.GetGrain<ICounterGrain>("host-builder").Increment()).ShouldBe(2);
            host.Services.GetRequiredService<Silo>().ClusterId.ShouldBe(clusterId);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public void UseSilo_CalledTwiceOnHostBuilder_Throws()
    {
        var builder = new HostBuilder()
            .UseSilo(HostingTestHosts.ConfigureTestGrains)
            .UseSilo(HostingTestHosts.ConfigureTestGrains);

        var error = Should.Throw<InvalidOperationException>(() => builder.Build());

        error.Message.ShouldContain("UseSilo");
    }

    [Fact]
    public void UseSilo_CalledTwiceOnApplicationBuilder_Throws()
    {
        var builder = HostingTestHosts.CreateBuilder(new Dictionary<string, string?>());
        builder.UseSilo(HostingTestHosts.ConfigureTestGrains);

        var error = Should.Throw<InvalidOperationException>(() => builder.UseSilo(HostingTestHosts.ConfigureTestGrains));

        error.Message.ShouldContain("UseSilo");
    }

    [Fact]
    public async Task ClusterClient_CoHostedWithSilo_ResolvesToWorkingClient()
    {
        using var host = new HostBuilder()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { [SiloOptions.SectionName + ":ClusterId"] = HostingTestHosts.NewClusterId() }))
            .ConfigureLogging(l => l.ClearProviders())
            .UseSilo(HostingTestHosts.ConfigureTestGrains)
            .Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<IClusterClient>();
            var factory = host.Services.GetRequiredService<IGrainFactory>();

            (await client.GetGrain<ICounterGrain>("co-hosted").Increment()).ShouldBe(1);
            (await factory.GetGrain<ICounterGrain>("co-hosted").Increment()).ShouldBe(2, "the client and the factory reach the same activation");
            (await client.GetGrain<ICounterGrain>("co-hosted").Get()).ShouldBe(2);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
