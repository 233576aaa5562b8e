using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Hosting;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests;

/// <summary>Starts test clusters with the test grains' serializer metadata and a lifecycle log.</summary>
internal static class Clusters
{
    public static async Task<TestCluster> StartAsync(Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder()
            .AddSerializerContext(TestJsonContext.Default)
            .ConfigureSilo(silo => silo.Services.AddSingleton<LifecycleLog>());
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static LifecycleLog Log(this TestCluster cluster) => cluster.Primary.GetRequiredService<LifecycleLog>();

    /// <summary>The silo's own grain factory: calls from it take the in-process path that copies arguments.</summary>
    public static IGrainFactory SiloGrainFactory(this TestCluster cluster) => cluster.Primary.GetRequiredService<IGrainFactory>();

    /// <summary>Waits (bounded) for a condition that background work will make true.</summary>
    public static Task Eventually(Func<Task<bool>> condition, string what, int timeoutMs = 10_000) =>
        RunRun.Actors.Testing.Eventually.TrueAsync(condition, what, TimeSpan.FromMilliseconds(timeoutMs));
}
