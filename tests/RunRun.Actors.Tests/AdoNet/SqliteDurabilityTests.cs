using System.Text;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Reminders;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteDurabilityTests
{
    [Fact]
    public async Task Reopen_SameFile_KeepsStateJournalsRemindersAndEtags()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var grain = GrainId.Create("durable", "grain");
        var state = new GrainState<StorageTestState>(new StorageTestState("kept", 1));
        await sqlite.GrainStorage().WriteStateAsync("state", grain, state, CancellationToken.None);
        await new AdoNetJournalStorage(sqlite.Database).AppendAsync(grain, 0, [Encoding.UTF8.GetBytes("e1"), Encoding.UTF8.GetBytes("e2")], null, CancellationToken.None);
        var reminder = new ReminderEntry(grain, "tick", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), TimeSpan.FromMinutes(1));
        var reminderEtag = await new AdoNetReminderTable(sqlite.Database).UpsertRowAsync(reminder, CancellationToken.None);

        await sqlite.ReopenAsync();

        var storage = sqlite.GrainStorage();
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await storage.ReadStateAsync("state", grain, read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("kept", 1));
        read.ETag.ShouldBe(state.ETag);
        state.State = new StorageTestState("written after restart", 2);
        await storage.WriteStateAsync("state", grain, state, CancellationToken.None);

        var journal = await new AdoNetJournalStorage(sqlite.Database).ReadAsync(grain, CancellationToken.None);
        journal.Events.Select(payload => Encoding.UTF8.GetString(payload)).ShouldBe(["e1", "e2"]);
        (await new AdoNetReminderTable(sqlite.Database).ReadRowAsync(grain, "tick", CancellationToken.None)).ShouldBe(reminder with { ETag = reminderEtag });
    }

    [Fact]
    public async Task OnStartAsync_NewFileInMissingDirectory_CreatesItInWriteAheadLogMode()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();

        File.Exists(sqlite.Options.DataSource).ShouldBeTrue();
        await using var raw = await sqlite.OpenRawConnectionAsync();
        var command = raw.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        (await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task OnStartAsync_FileWithTheOldReminderHashIndex_DropsIt_AndRangeReadsStillWork()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            var create = raw.CreateCommand();
            create.CommandText = "CREATE INDEX ix_reminders_grain_hash ON reminders (grain_hash);";
            await create.ExecuteNonQueryAsync();
        }

        var table = new AdoNetReminderTable(sqlite.Database);
        var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("hashed", "g" + i)).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRowAsync(new ReminderEntry(grain, "tick", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), TimeSpan.FromMinutes(1)), CancellationToken.None);
        }

        await sqlite.ReopenAsync();

        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            var indexes = raw.CreateCommand();
            indexes.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders' AND sql IS NOT NULL;";
            (await indexes.ExecuteScalarAsync()).ShouldBe(0L);
        }

        // Each grain lands in exactly one half of the ring, the wrapped half included.
        const uint Middle = uint.MaxValue / 2;
        table = new AdoNetReminderTable(sqlite.Database);
        var lower = await table.ReadRowsAsync(Middle, uint.MaxValue, CancellationToken.None);
        var wrapped = await table.ReadRowsAsync(uint.MaxValue, Middle, CancellationToken.None);
        lower.Select(r => r.GrainId).Concat(wrapped.Select(r => r.GrainId)).ShouldBe(grains, ignoreOrder: true);
        lower.ShouldAllBe(r => r.GrainHash > Middle);
        wrapped.ShouldAllBe(r => r.GrainHash <= Middle);
    }
}
