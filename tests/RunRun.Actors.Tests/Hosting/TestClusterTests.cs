using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Hosting;

public sealed class TestClusterTests
{
    [Fact]
    public async Task StopSiloAsyncThenStartSiloAsync_InMemoryState_IsKept()
    {
        await using var cluster = await Clusters.StartAsync();
        var profile = cluster.GrainFactory.GetGrain<IProfileGrain>("kept");
        await profile.SetName("Ana");
        var first = cluster.Primary;

        await cluster.StopSiloAsync(first);

        first.IsActive.ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => cluster.Primary);
        var second = await cluster.StartSiloAsync();
        second.ShouldNotBeSameAs(first);
        second.Name.ShouldNotBe(first.Name);
        cluster.Primary.ShouldBeSameAs(second);
        cluster.Silos.ShouldBe(new[] { first, second });
        var after = await profile.Get();
        after.Name.ShouldBe("Ana");
        after.Visits.ShouldBe(1);
        after.LoadedBeforeActivate.ShouldBe("Ana", "the new silo must have read the state from the shared in-memory storage");
        second.GetRequiredService<LifecycleLog>().Events.ShouldContain("activate:kept:Ana");
    }

    [Fact]
    public async Task KillSiloAsyncThenStartSiloAsync_InMemoryState_IsKept()
    {
        await using var cluster = await Clusters.StartAsync();
        var profile = cluster.GrainFactory.GetGrain<IProfileGrain>("survivor");
        await profile.SetName("Bo");

        await cluster.KillSiloAsync(cluster.Primary);
        await cluster.StartSiloAsync();

        (await profile.Get()).Name.ShouldBe("Bo");
    }

    [Fact]
    public async Task StartSiloAsync_SiloAlreadyRunning_ThrowsInvalidOperation()
    {
        await using var cluster = await Clusters.StartAsync();
        var running = cluster.Primary;

        await Should.ThrowAsync<InvalidOperationException>(cluster.StartSiloAsync());

        cluster.Silos.ShouldHaveSingleItem().ShouldBeSameAs(running);
        running.IsActive.ShouldBeTrue();
        (await cluster.GrainFactory.GetGrain<ICounterGrain>("still-served").Increment()).ShouldBe(1);
    }

    [Fact]
    public async Task StopSiloAsync_SiloOfAnotherCluster_ThrowsArgumentAndLeavesItRunning()
    {
        await using var cluster = await Clusters.StartAsync();
        await using var other = await Clusters.StartAsync();
        var foreign = other.Primary;

        var stop = await Should.ThrowAsync<ArgumentException>(cluster.StopSiloAsync(foreign));
        await Should.ThrowAsync<ArgumentException>(cluster.KillSiloAsync(foreign));

        stop.ParamName.ShouldBe("silo");
        foreign.IsActive.ShouldBeTrue();
        other.Primary.ShouldBeSameAs(foreign);
        (await other.GrainFactory.GetGrain<ICounterGrain>("foreign").Increment()).ShouldBe(1);
        cluster.Primary.IsActive.ShouldBeTrue();
    }
}
