using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.AdoNet;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Hosting;
using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Actors.Tests.Grains;
using Xunit.Abstractions;

namespace RunRun.Actors.Tests.Integration;

/// <summary>Grain state and journals of a whole silo on a SQLite file: durability, group commit and corrupt rows.</summary>
public sealed class SqliteSiloStateTests(ITestOutputHelper output)
{
    [Fact]
    public Task PersistentAndJournaledState_SiloStoppedAndRestartedOnSameFile_EqualsStateBefore() =>
        State_SiloRestartedOnSameFile_EqualsStateBefore(kill: false);

    [Fact]
    public Task PersistentAndJournaledState_SiloKilledAndRestartedOnSameFile_EqualsStateBefore() =>
        State_SiloRestartedOnSameFile_EqualsStateBefore(kill: true);

    [Fact]
    public async Task Deposit_ThousandConcurrentCallersOnSqlite_GroupCommitsAndBalanceSurvivesRestart()
    {
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(file.Use);
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("busy-on-sqlite");
        var metrics = cluster.Primary.GetRequiredService<JournalMetrics>();
        var database = Database(cluster.Primary);
        var batchesBefore = database.Writer.Transactions;

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => account.Deposit(1))));

        var transactions = database.Writer.Transactions - batchesBefore;
        output.WriteLine($"{metrics.Events} events in {metrics.Batches} journal writes ({metrics.AverageBatchSize:F1} per write), {transactions} SQLite transactions");
        metrics.Events.ShouldBe(1000);
        metrics.Batches.ShouldBeLessThan(metrics.Events / 4);
        transactions.ShouldBeLessThanOrEqualTo(metrics.Batches);

        await cluster.RestartSiloAsync(cluster.Primary);

        (await account.Balance()).ShouldBe(1000);
        (await account.GetVersion()).ShouldBe(1000);
        var grainId = account.GetGrainId().ToString();
        (await file.CountAsync("SELECT COUNT(*) FROM journal_events WHERE grain_id = @grain_id;", ("@grain_id", grainId))).ShouldBe(1000);
        (await file.CountAsync("SELECT MAX(seq) FROM journal_events WHERE grain_id = @grain_id;", ("@grain_id", grainId))).ShouldBe(1000);
    }

    [Fact]
    public async Task SetName_TwoThousandGrainsWritingOnce_FarFewerSqliteTransactionsThanWrites()
    {
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(file.Use);
        var database = Database(cluster.Primary);
        var batchesBefore = database.Writer.Transactions;
        var operationsBefore = database.Writer.Writes;

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(() => cluster.GrainFactory.GetGrain<IProfileGrain>($"writer-{i}").SetName($"name-{i}"))));

        var transactions = database.Writer.Transactions - batchesBefore;
        var writes = database.Writer.Writes - operationsBefore;
        output.WriteLine($"{writes} writes in {transactions} SQLite transactions ({(double)writes / Math.Max(1, transactions):F1} per transaction)");
        writes.ShouldBe(2000);
        transactions.ShouldBeLessThan(writes / 4);
        (await file.CountAsync("SELECT COUNT(*) FROM grain_state WHERE state_name = 'profile' AND grain_id LIKE '%/writer-%';")).ShouldBe(2000);
        var last = await file.ReadStateAsync("profile", cluster.GrainFactory.GetGrain<IProfileGrain>("writer-1999").GetGrainId());
        last.ShouldNotBeNull();
        SqliteFile.Property(last.Value, "Name").GetString().ShouldBe("name-1999");
    }

    [Fact]
    public async Task Get_GarbageInGrainStateRow_FailsWithCorruptStateNamingTheGrainAndOthersKeepWorking()
    {
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(file.Use);
        var victim = cluster.GrainFactory.GetGrain<IProfileGrain>("victim");
        var bystander = cluster.GrainFactory.GetGrain<IProfileGrain>("bystander");
        await victim.SetName("soon garbage");
        await bystander.SetName("fine");
        var victimId = victim.GetGrainId().ToString();

        // Stop the silo so no activation holds the state in memory, then break the row behind its back.
        await cluster.StopSiloAsync(cluster.Primary);
        await using (var raw = await file.OpenAsync())
        {
            await using var tamper = raw.CreateCommand();
            tamper.CommandText = "UPDATE grain_state SET payload = @garbage WHERE state_name = 'profile' AND grain_id = @grain_id;";
            tamper.Parameters.AddWithValue("@garbage", new byte[] { 0x7B, 0x6E, 0x6F, 0x74, 0x20, 0xFF, 0x00, 0x22 });
            tamper.Parameters.AddWithValue("@grain_id", victimId);
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await cluster.StartSiloAsync();

        var corrupt = await Should.ThrowAsync<CorruptStateException>(victim.Get());
        corrupt.Message.ShouldContain(victimId);
        corrupt.Message.ShouldContain("profile");
        // A second call meets the same fault again rather than a half-activated grain.
        await Should.ThrowAsync<CorruptStateException>(victim.Get());

        (await bystander.Get()).Name.ShouldBe("fine");
        await bystander.SetName("still fine");
        (await bystander.Get()).Name.ShouldBe("still fine");
        var newcomer = cluster.GrainFactory.GetGrain<IProfileGrain>("newcomer");
        await newcomer.SetName("new");
        (await newcomer.Get()).Name.ShouldBe("new");
        (await file.CountAsync("SELECT COUNT(*) FROM grain_state WHERE state_name = 'profile';")).ShouldBe(3);
    }

    private async Task State_SiloRestartedOnSameFile_EqualsStateBefore(bool kill)
    {
        using var file = new SqliteFile();
        await using var cluster = await Clusters.StartAsync(b =>
        {
            b.ConfigureSetting(JournalOptions.SectionName + ":SnapshotInterval", "10");
            file.Use(b);
        });
        var profile = cluster.GrainFactory.GetGrain<IProfileGrain>("kim");
        await profile.SetName("Kim");
        await profile.SetName("Kim Lee");
        var account = cluster.GrainFactory.GetGrain<IAccountGrain>("savings");
        for (var i = 1; i <= 25; i++)
        {
            await account.Deposit(i);
        }

        var profileBefore = await profile.Get();
        var accountBefore = (await account.Balance(), await account.GetVersion());
        accountBefore.ShouldBe((325L, 25L));

        if (kill)
        {
            await cluster.KillSiloAsync(cluster.Primary);
        }
        else
        {
            await cluster.StopSiloAsync(cluster.Primary);
        }

        var silo = await cluster.StartSiloAsync();
        silo.Silo.ActivationCount.ShouldBe(0);

        var profileAfter = await profile.Get();
        (profileAfter.Name, profileAfter.Visits).ShouldBe((profileBefore.Name, profileBefore.Visits));
        profileAfter.LoadedBeforeActivate.ShouldBe("Kim Lee");
        (await account.Balance(), await account.GetVersion()).ShouldBe(accountBefore);
        output.WriteLine($"{(kill ? "killed" : "stopped")}: profile {profileAfter.Name}/{profileAfter.Visits}, account {accountBefore}");

        // Both lived in the SQLite file, not in the in-memory storage TestCluster registers first.
        var accountId = account.GetGrainId();
        (await file.CountAsync("SELECT version FROM journal_snapshots WHERE grain_id = @grain_id;", ("@grain_id", accountId.ToString()))).ShouldBe(20);
        (await file.CountAsync("SELECT MAX(seq) FROM journal_events WHERE grain_id = @grain_id;", ("@grain_id", accountId.ToString()))).ShouldBe(25);
        var storedProfile = await file.ReadStateAsync("profile", profile.GetGrainId());
        storedProfile.ShouldNotBeNull();
        SqliteFile.Property(storedProfile.Value, "Name").GetString().ShouldBe("Kim Lee");
        var memoryJournal = await cluster.JournalStorage.ReadAsync(accountId, CancellationToken.None);
        memoryJournal.Snapshot.ShouldBeNull();
        memoryJournal.Events.ShouldBeEmpty();
        var memory = new GrainState<Profile>(new Profile());
        await cluster.GrainStorage.ReadStateAsync("profile", profile.GetGrainId(), memory, CancellationToken.None);
        memory.RecordExists.ShouldBeFalse();
    }

    /// <summary>The one SQLite database every "Default" provider of the silo shares.</summary>
    private static AdoNetDatabase Database(SiloHandle silo) =>
        silo.Services.GetServices<ISiloLifecycleParticipant>().OfType<AdoNetDatabase>().Distinct().ShouldHaveSingleItem();
}
