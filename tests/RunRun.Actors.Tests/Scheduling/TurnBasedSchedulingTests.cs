using RunRun.Actors.Runtime;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Scheduling;

public sealed class TurnBasedSchedulingTests
{
    [Fact]
    public async Task Enter_ThousandsOfConcurrentCalls_NeverOverlapInsideNonReentrantGrain()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IProbeGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => Task.Run(() => probe.Enter(i, yields: 3))));

        var report = await probe.Report();
        report.Calls.ShouldBe(3000);
        report.Overlaps.ShouldBe(0);
        report.MaxInside.ShouldBe(1);
        report.Parallel.ShouldBe(0);
    }

    [Fact]
    public async Task Detached_ResultFinishedOffTheScheduler_NextRequestsStillRunOnTheActivation()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IProbeGrain>("detached");

        // A request whose task finishes on another thread is completed, and the next one started,
        // on the activation's scheduler, never on the thread that finished the task.
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => i % 2 == 0 ? probe.Detached(i) : probe.Enter(i, yields: 2))));

        var report = await probe.Report();
        report.Calls.ShouldBe(400);
        report.MaxInside.ShouldBe(1);
        report.Parallel.ShouldBe(0);
        report.OffScheduler.ShouldBe(0);
    }

    [Fact]
    public async Task Enter_FromTheSiloItself_NeverOverlapEither()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.SiloGrainFactory().GetGrain<IProbeGrain>("local");

        await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => Task.Run(() => probe.Enter(i, yields: 2))));

        var report = await probe.Report();
        report.Calls.ShouldBe(3000);
        report.MaxInside.ShouldBe(1);
        report.Parallel.ShouldBe(0);
    }

    [Fact]
    public async Task Enter_CallsSentInOrder_RunInThatOrder()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IProbeGrain>("ordered");

        var calls = new List<Task<int>>();
        for (var i = 0; i < 1000; i++)
        {
            calls.Add(probe.Enter(i, yields: 1));
        }

        await Task.WhenAll(calls);

        (await probe.Report()).Order.ShouldBe(Enumerable.Range(0, 1000));
    }

    [Fact]
    public async Task Enter_ReentrantGrain_NeverRunsInParallel()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IReentrantProbeGrain>(Guid.NewGuid());

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(() => probe.Enter(i, yields: 5))));

        var report = await probe.Report();
        report.Calls.ShouldBe(2000);
        report.Parallel.ShouldBe(0);
    }

    [Fact]
    public async Task Release_ReentrantGrain_RunsWhileAnotherRequestWaits()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IReentrantProbeGrain>(Guid.NewGuid());

        var blocked = probe.Block();
        await probe.Release();

        await blocked;
    }

    [Fact]
    public async Task Read_ReadOnlyCalls_InterleaveWithEachOtherButNotWithWriters()
    {
        await using var cluster = await Clusters.StartAsync();
        var probe = cluster.GrainFactory.GetGrain<IProbeGrain>("reads");

        var work = new List<Task>();
        for (var i = 0; i < 400; i++)
        {
            work.Add(probe.Read(yields: 4));
            if (i % 50 == 0)
            {
                work.Add(probe.Enter(i, yields: 4));
            }
        }

        await Task.WhenAll(work);

        var report = await probe.Report();
        report.MaxInside.ShouldBeGreaterThan(1);
        report.ReadsDuringWrite.ShouldBe(0);
        report.Parallel.ShouldBe(0);
    }

    [Fact]
    public async Task Release_AlwaysInterleave_RunsWhileANonReentrantRequestWaits()
    {
        await using var cluster = await Clusters.StartAsync();
        var gate = cluster.GrainFactory.GetGrain<IGateGrain>("gate");

        var blocked = gate.Block();
        var queued = gate.Touch();
        await Task.Delay(200);
        queued.IsCompleted.ShouldBeFalse("a normal request must wait for the blocked one");

        await gate.Release();

        await blocked;
        (await queued).ShouldBe(1);
    }

    [Fact]
    public async Task Ping_CallCycleOnNonReentrantGrains_EndsInNamedTimeout()
    {
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSetting("RunRun:Silo:Messaging:ResponseTimeout", "00:00:01"));

        var ping = cluster.GrainFactory.GetGrain<ICycleGrain>(1).Ping(2, depth: 2);

        var error = await Should.ThrowAsync<GrainCallTimeoutException>(ping);
        error.Message.ShouldContain("cycle/1");
        error.Message.ShouldContain(nameof(ICycleGrain.Ping));
    }

    [Fact]
    public async Task Ping_ChainWithoutCycle_Completes()
    {
        await using var cluster = await Clusters.StartAsync();

        (await cluster.GrainFactory.GetGrain<ICycleGrain>(10).Ping(11, depth: 1)).ShouldBe(2);
    }
}
