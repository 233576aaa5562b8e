using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.EventSourcing;

/// <summary>A journal keeps up to MaxWritesInFlight appends on their way to storage, and confirms them in order.</summary>
public sealed class JournalPipeliningTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public async Task Deposit_WhileAWriteIsInFlight_NextWriteStartsOnlyIfASlotIsFree(int maxInFlight, int startedWhileGated)
    {
        var (cluster, journal) = await StartAsync(maxInFlight);
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("pipelined");
        await account.Deposit(1);
        journal.Close();

        // One deposit at a time, each after the previous one's append has started (or could not).
        var deposits = new List<Task<long>>();
        for (var i = 0; i < 3; i++)
        {
            deposits.Add(account.Deposit(10));
            await Clusters.Eventually(() => Task.FromResult(journal.AppendsStarted >= 1 + Math.Min(i + 1, maxInFlight)), "append to start");
        }

        await Task.Delay(100);
        journal.AppendsStarted.ShouldBe(1 + startedWhileGated);
        deposits.ShouldAllBe(deposit => !deposit.IsCompleted);

        journal.Open();
        (await Task.WhenAll(deposits)).Max().ShouldBe(31);
        (await account.Balance()).ShouldBe(31);
        (await account.GetVersion()).ShouldBe(4);
    }

    [Fact]
    public async Task Deposit_FirstOfTwoWritesInFlightFails_BothCallersGetErrorsAndTheGrainGoesOn()
    {
        var (cluster, journal) = await StartAsync(2);
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("failing");
        await account.Deposit(5);
        journal.Close();
        var first = account.Deposit(7);
        await Clusters.Eventually(() => Task.FromResult(journal.AppendsStarted == 2), "first append in flight");
        var second = account.Deposit(11);
        await Clusters.Eventually(() => Task.FromResult(journal.AppendsStarted == 3), "second append in flight");

        journal.FailNextAppend();
        journal.Open();

        await Should.ThrowAsync<Exception>(first);
        await Should.ThrowAsync<Exception>(second);
        (await account.Deposit(1)).ShouldBe(6);
        (await account.GetVersion()).ShouldBe(2);
        await cluster.RestartSiloAsync(cluster.Primary);
        (await cluster.GrainFactory.GetGrain<IAccountGrain>("failing").Balance()).ShouldBe(6);
    }

    // The reply to a request that awaited is held for its events just as one that finished at once:
    // the request is marked complete in its last turn, before the write of its events can start, let
    // alone fail and roll them back.
    [Fact]
    public async Task DepositAfterYield_WriteFailsAtOnce_CallerGetsTheErrorNotTheRolledBackBalance()
    {
        var (cluster, journal) = await StartAsync(1);
        await using var _ = cluster;
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("yielding");
        await account.DepositAfterYield(5);

        journal.FailNextAppend();

        await Should.ThrowAsync<Exception>(account.DepositAfterYield(7));
        (await account.Balance()).ShouldBe(5);
        (await account.DepositAfterYield(1)).ShouldBe(6);
    }

    [Fact]
    public async Task Deposit_ManyConcurrentCallersWithWritesInFlight_EveryDepositIsDurableOnce()
    {
        var journal = new SlowJournalStorage(new MemoryJournalStorage(), TimeSpan.FromMilliseconds(2));
        await using var cluster = await Clusters.StartAsync(b => b
            .ConfigureSetting("RunRun:Silo:Journal:MaxWritesInFlight", "4")
            .ConfigureSilo(s => s.Services.AddKeyedSingleton<IJournalStorage>("Default", journal)));
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => Task.Run(() => account.Deposit(1))));

        await cluster.RestartSiloAsync(cluster.Primary);
        var restarted = cluster.GrainFactory.GetGrain<IAccountGrain>("busy");
        (await restarted.Balance()).ShouldBe(2000);
        (await restarted.GetVersion()).ShouldBe(2000);
    }

    private static async Task<(Actors.Testing.TestCluster Cluster, GatedJournalStorage Journal)> StartAsync(int maxInFlight)
    {
        var journal = new GatedJournalStorage(new MemoryJournalStorage());
        var cluster = await Clusters.StartAsync(b => b
            .ConfigureSetting("RunRun:Silo:Journal:MaxWritesInFlight", maxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureSilo(s => s.Services.AddKeyedSingleton<IJournalStorage>("Default", journal)));
        return (cluster, journal);
    }
}
