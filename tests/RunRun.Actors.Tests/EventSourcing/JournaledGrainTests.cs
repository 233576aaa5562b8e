using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.EventSourcing;

public sealed class JournaledGrainTests
{
    [Fact]
    public async Task Deposit_ConcurrentCallers_GroupCommitsManyEventsPerWrite()
    {
        // Storage with a little latency, as every real one has: events raised during a write wait for the next one.
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s =>
            s.Services.AddKeyedSingleton<IJournalStorage>("Default", new SlowJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage(), TimeSpan.FromMilliseconds(2)))));
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("busy");

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ => Task.Run(() => account.Deposit(1))));

        var metrics = cluster.Primary.GetRequiredService<JournalMetrics>();
        metrics.Events.ShouldBe(2000);
        metrics.Batches.ShouldBeLessThan(metrics.Events / 2);
        (await account.Balance()).ShouldBe(2000);
        (await account.GetVersion()).ShouldBe(2000);
    }

    [Fact]
    public async Task Deposit_WriteInFlight_ReplyWaitsForDurability()
    {
        GatedJournalStorage? gated = null;
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s =>
            s.Services.AddKeyedSingleton<IJournalStorage>("Default", (sp, _) => gated = new GatedJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage()))));
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("held");
        (await account.Deposit(5)).ShouldBe(5);
        gated!.Close();

        var pending = account.Deposit(7);
        await Clusters.Eventually(() => Task.FromResult(gated.AppendsStarted == 2), "second append to start");
        await Task.Delay(100);
        pending.IsCompleted.ShouldBeFalse("the reply must wait until the event is durable");

        gated.Open();
        (await pending).ShouldBe(12);
    }

    [Fact]
    public async Task Deposit_SiloKilledBeforeDurable_CallerGetsErrorAndNothingIsWritten()
    {
        var journal = new GatedJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage());
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s =>
            s.Services.AddKeyedSingleton<IJournalStorage>("Default", journal)));
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("killed");
        await account.Deposit(5);
        journal.Close();
        var unconfirmed = account.Deposit(7);
        await Clusters.Eventually(() => Task.FromResult(journal.AppendsStarted == 2), "append in flight");

        await cluster.KillSiloAsync(cluster.Primary);
        journal.Open();

        await Should.ThrowAsync<SiloUnavailableException>(unconfirmed);
        await cluster.StartSiloAsync();
        (await account.Balance()).ShouldBe(5);
        (await account.GetVersion()).ShouldBe(1);
        (await journal.ReadAsync(account.GetGrainId(), CancellationToken.None)).Events.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Balance_AfterRestart_ReplayEqualsStateBefore()
    {
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSetting("RunRun:Silo:Journal:SnapshotInterval", "100"));
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("replayed");
        for (var i = 1; i <= 250; i++)
        {
            await account.Deposit(i);
        }

        var before = (await account.Balance(), await account.GetVersion());

        await cluster.RestartSiloAsync(cluster.Primary);

        (await account.Balance(), await account.GetVersion()).ShouldBe(before);
        var stored = await cluster.JournalStorage.ReadAsync(account.GetGrainId(), CancellationToken.None);
        stored.Snapshot.ShouldNotBeNull();
        stored.Snapshot.Version.ShouldBe(200);
        stored.Events.Count.ShouldBe(50);
    }

    [Fact]
    public async Task DepositAndConfirm_ExplicitConfirm_ReturnsConfirmedState()
    {
        await using var cluster = await Clusters.StartAsync();
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("explicit");

        (await account.DepositAndConfirm(10)).ShouldBe(10);
        (await account.DepositAndConfirm(5)).ShouldBe(15);
    }

    [Fact]
    public async Task Deposit_ConflictingAppendFromAnotherWriter_FailsAndDeactivates()
    {
        await using var cluster = await Clusters.StartAsync();
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("duplicate");
        await account.Deposit(1);

        // A second activation elsewhere appended version 2 first.
        await cluster.JournalStorage.AppendAsync(account.GetGrainId(), 1, [cluster.Primary.GetRequiredService<IGrainStorageSerializer>().Serialize<AccountEvent>(new Deposited(100))], null, CancellationToken.None);

        await Should.ThrowAsync<JournalConflictException>(account.Deposit(2));

        await Clusters.Eventually(async () => await account.Balance() == 101, "reactivation from storage");
        (await account.GetVersion()).ShouldBe(2);
    }

    // Regression: a held reply used to be copied only when sent, after later requests had changed it.
    [Fact]
    public async Task DepositAndShow_ReplyHeldForDurability_ShowsStateAsOfItsOwnRequest()
    {
        var journal = new GatedJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage());
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s =>
            s.Services.AddKeyedSingleton<IJournalStorage>("Default", journal)));
        var account = cluster.SiloGrainFactory().GetGrain<IAccountGrain>("snapshot");
        journal.Close();

        var first = account.DepositAndShow(5);
        await Clusters.Eventually(() => Task.FromResult(journal.AppendsStarted == 1), "first append in flight");
        var second = account.DepositAndShow(7);
        await Task.Delay(50);
        journal.Open();

        (await first).Balance.ShouldBe(5);
        (await second).Balance.ShouldBe(12);
    }

    // Regression: an exception while preparing a write (here: an event type the serializer cannot
    // write) used to leave the journal "writing" for ever, so every later reply hung.
    [Fact]
    public async Task DepositBroken_EventCannotBeSerialized_CallerGetsErrorAndGrainGoesOn()
    {
        await using var cluster = await Clusters.StartAsync();
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("broken");
        await account.Deposit(3);

        await Should.ThrowAsync<Exception>(account.DepositBroken(100));

        (await account.Deposit(4)).ShouldBe(7);
        (await account.Balance()).ShouldBe(7);
    }

    [Fact]
    public async Task Write_StateGrowingWithEveryEvent_SnapshotsPacedBySizeAndReplayIsExact()
    {
        var journal = new SlowJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage(), TimeSpan.Zero);
        await using var cluster = await Clusters.StartAsync(b => b
            .ConfigureSetting("RunRun:Silo:Journal:SnapshotInterval", "10")
            .ConfigureSilo(s => s.Services.AddKeyedSingleton<IJournalStorage>("Default", journal)));
        var logbook = cluster.GrainFactory.GetGrain<ILogbookGrain>("growing");

        for (var i = 0; i < 320; i++)
        {
            await logbook.Write($"entry {i:D4}");
        }

        // Every 10 events would be 32 snapshots, each rewriting the whole list; paced by size, the
        // next one waits until the events since the last weigh as much as it did (10, 20, 40, ...).
        journal.SnapshotsWritten.ShouldBeInRange(3, 8);
        await cluster.RestartSiloAsync(cluster.Primary);
        (await logbook.Count()).ShouldBe(320);
    }

    // An [Immutable] event reaches the confirmed state as raised; any other as read back from its
    // stored bytes, so the two states share no mutable object.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ConfirmEvents_ConfirmedStateGetsTheRaisedObjectOnlyForImmutableEvents(bool immutable)
    {
        await using var cluster = await Clusters.StartAsync();
        var notebook = cluster.GrainFactory.GetGrain<INotebookGrain>(immutable ? "pinned" : "draft");

        var check = await notebook.WriteAndConfirm("the text", immutable);

        check.SameObject.ShouldBe(immutable);
        check.ConfirmedText.ShouldBe("the text");
    }
}
