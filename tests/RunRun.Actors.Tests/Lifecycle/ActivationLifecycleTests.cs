using RunRun.Actors.Hosting;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Lifecycle;

public sealed class ActivationLifecycleTests
{
    [Fact]
    public async Task Hello_FirstCall_ActivatesOnce()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("a");

        (await grain.Hello()).ShouldBe("hello a");
        await grain.Hello();

        cluster.Log().Count("activate:a").ShouldBe(1);
        cluster.Primary.Silo.ActivationCount.ShouldBe(1);
    }

    [Fact]
    public async Task Get_StoredState_IsLoadedBeforeOnActivateAsync()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("loaded");
        await grain.SetName("Kim");
        await grain.Deactivate();

        await Clusters.Eventually(async () => cluster.Log().Count("deactivate:loaded") == 1 && (await grain.Get()).LoadedBeforeActivate == "Kim", "reactivation with state");

        cluster.Log().Events.ShouldContain("activate:loaded:Kim");
    }

    [Fact]
    public async Task Collector_IdleForCollectionAge_DeactivatesAndRunsHook()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("idle");
        await grain.Hello();

        time.Advance(TimeSpan.FromMinutes(14));
        cluster.Primary.Silo.ActivationCount.ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(2));

        await Clusters.Eventually(() => Task.FromResult(cluster.Primary.Silo.ActivationCount == 0), "idle collection");
        cluster.Log().Events.ShouldContain("deactivate:idle:ActivationIdle");
    }

    [Fact]
    public async Task Collector_ConfiguredCollectionAge_IsUsed()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b
            .UseTimeProvider(time)
            .ConfigureSetting("RunRun:Silo:Collection:CollectionAge", "00:02:00")
            .ConfigureSetting("RunRun:Silo:Collection:CollectionQuantum", "00:00:30"));
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("short").Hello();

        time.Advance(TimeSpan.FromMinutes(3));

        await Clusters.Eventually(() => Task.FromResult(cluster.Primary.Silo.ActivationCount == 0), "collection after two minutes");
    }

    [Fact]
    public async Task Collector_ClassSpecificCollectionAge_AppliesToThatClassOnly()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b
            .UseTimeProvider(time)
            .ConfigureSetting($"RunRun:Silo:Collection:ClassSpecificCollectionAge:{typeof(LifecycleGrain).FullName}", "00:02:00")
            .ConfigureSetting("RunRun:Silo:Collection:CollectionQuantum", "00:00:30"));
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("configured").Hello();
        (await cluster.GrainFactory.GetGrain<ICounterGrain>("default").Increment()).ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(3));

        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Events.Contains("deactivate:configured:ActivationIdle")), "the configured class's collection");
        cluster.Primary.Silo.ActivationCount.ShouldBe(1, "the counter keeps the default of 15 minutes");
    }

    [Fact]
    public async Task Collector_DelayDeactivation_KeepsActivationPastItsAge()
    {
        var time = new FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time));
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("kept");
        await grain.KeepAliveFor(TimeSpan.FromHours(1));

        time.Advance(TimeSpan.FromMinutes(30));
        cluster.Primary.Silo.CollectIdleActivations().ShouldBe(0);
        cluster.Primary.Silo.ActivationCount.ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(31));
        await Clusters.Eventually(() => Task.FromResult(cluster.Primary.Silo.ActivationCount == 0), "collection once the hour is over");
    }

    [Fact]
    public async Task Deactivate_OnIdle_RunsHookAndNextCallReactivates()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("bye");
        await grain.SetName("Lee");

        await grain.Deactivate();
        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Count("deactivate:bye:ApplicationRequested") == 1), "deactivation");

        (await grain.Get()).Name.ShouldBe("Lee");
        cluster.Log().Count("activate:bye").ShouldBe(2);
    }

    [Fact]
    public async Task StopSilo_Graceful_RunsDeactivationHooks()
    {
        var cluster = await Clusters.StartAsync();
        await cluster.GrainFactory.GetGrain<ILifecycleGrain>("graceful").Hello();
        var log = cluster.Log();

        await cluster.DisposeAsync();

        log.Events.ShouldContain("deactivate:graceful:ShuttingDown");
    }
}
