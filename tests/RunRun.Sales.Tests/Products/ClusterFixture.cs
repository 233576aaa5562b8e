using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;
using RunRun.Actors.Testing;
using RunRun.Sales.Hosting;
using RunRun.Sales.Products;
using RunRun.Sales.Shoppers;

namespace RunRun.Sales.Tests.Products;

/// <summary>
/// The product and shopper tests' cluster: one shared by a test class (its tests run one after
/// another and use keys of their own), and private ones for tests that stop silos or break storage.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private static readonly JsonSerializerContext[] SerializerContexts =
    [
        SalesJsonContext.Default,
        SalesStateJsonContext.Default,
        ProductStateJsonContext.Default,
        ShopperStateJsonContext.Default,
    ];

    private TestCluster? _cluster;

    public FakeTimeProvider Time { get; } = new();

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public static async Task<TestCluster> StartAsync(FakeTimeProvider time, Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder().UseTimeProvider(time).ConfigureSilo(silo => silo.AddSales());
        foreach (var context in SerializerContexts)
        {
            builder.AddSerializerContext(context);
        }

        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A cluster whose grain storage ("Default") can be told to fail writes.</summary>
    public static async Task<(TestCluster Cluster, FlakyGrainStorage Storage)> StartWithFlakyStorageAsync(FakeTimeProvider time)
    {
        var storage = new FlakyGrainStorage(new MemoryGrainStorage(new JsonGrainStorageSerializer(new ActorSerializer(SerializerContexts))));
        // Registered after the cluster's own storage, so the silo resolves this one.
        var cluster = await StartAsync(time, builder => builder.ConfigureSilo(
            silo => silo.Services.AddKeyedSingleton<IGrainStorage>("Default", storage)));
        return (cluster, storage);
    }

    public async Task InitializeAsync() => _cluster = await StartAsync(Time);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
