using System.Text;
using Microsoft.Data.Sqlite;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

/// <summary>Faults injected with SQLite triggers, to show that one failing write never takes its batch down.</summary>
public sealed class SqliteWriteFailureTests
{
    [Fact]
    public async Task WriteStateAsync_OneWriteFailsInsideABatch_OnlyThatWriteFails()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var poison = GrainId.Create("faulty", "poison");
        await AddTriggerAsync(sqlite, $"""
            CREATE TRIGGER poison BEFORE INSERT ON grain_state WHEN NEW.grain_id = '{poison}'
            BEGIN SELECT RAISE(ABORT, 'poisoned write'); END;
            """);

        var grains = Enumerable.Range(0, 100).Select(i => GrainId.Create("faulty", $"grain-{i}")).ToList();
        grains.Insert(50, poison);

        var writes = await sqlite.QueueBehindWriteLockAsync(() => grains.ToDictionary(
            grain => grain,
            grain => storage.WriteStateAsync("state", grain, new GrainState<StorageTestState>(new StorageTestState("v", 1)), CancellationToken.None)));

        var failure = await Should.ThrowAsync<SqliteException>(() => writes[poison]);
        failure.Message.ShouldContain("poisoned write");
        await Task.WhenAll(writes.Where(write => write.Key != poison).Select(write => write.Value));
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await storage.ReadStateAsync("state", poison, read, CancellationToken.None);
        read.RecordExists.ShouldBeFalse();
        sqlite.Database.Writer.Writes.ShouldBe(100);
        sqlite.Database.Writer.Transactions.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task AppendAsync_FailsAfterWritingPartOfItself_WritesNothingOfItAndTheRestOfTheBatch()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var journal = new AdoNetJournalStorage(sqlite.Database);
        var poison = GrainId.Create("faulty", "half-way");
        await AddTriggerAsync(sqlite, $"""
            CREATE TRIGGER half_way BEFORE INSERT ON journal_events WHEN NEW.grain_id = '{poison}' AND NEW.seq = 3
            BEGIN SELECT RAISE(ABORT, 'third event refused'); END;
            """);

        var (poisoned, others) = await sqlite.QueueBehindWriteLockAsync(() =>
        {
            var before = Enumerable.Range(0, 25).Select(i => AppendOther(journal, i)).ToArray();
            var poisoned = journal.AppendAsync(poison, 0, Events("1", "2", "3"), null, CancellationToken.None);
            return (poisoned, before.Concat(Enumerable.Range(25, 25).Select(i => AppendOther(journal, i))).ToArray());
        });

        await Should.ThrowAsync<SqliteException>(() => poisoned);
        await Task.WhenAll(others);
        (await journal.ReadAsync(poison, CancellationToken.None)).Version.ShouldBe(0);
        (await journal.ReadAsync(GrainId.Create("faulty", "journal-49"), CancellationToken.None)).Version.ShouldBe(3);
        sqlite.Database.Writer.Transactions.ShouldBeLessThanOrEqualTo(2);
        await journal.AppendAsync(poison, 0, Events("1", "2"), null, CancellationToken.None);
    }

    [Fact]
    public async Task AppendAsync_PrimaryKeyCatchesWhatTheVersionCheckMissed_ThrowsJournalConflict()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var journal = new AdoNetJournalStorage(sqlite.Database);
        var grain = GrainId.Create("faulty", "raced");

        // Stands in for a writer the version check cannot see: it takes sequence 2 just before the append does.
        await AddTriggerAsync(sqlite, $"""
            CREATE TRIGGER interloper AFTER INSERT ON journal_events WHEN NEW.grain_id = '{grain}' AND NEW.seq = 1
            BEGIN INSERT INTO journal_events (grain_id, seq, payload) VALUES (NEW.grain_id, 2, x'00'); END;
            """);

        await Should.ThrowAsync<JournalConflictException>(
            () => journal.AppendAsync(grain, 0, Events("1", "2"), null, CancellationToken.None));

        (await journal.ReadAsync(grain, CancellationToken.None)).Version.ShouldBe(0);
    }

    private static Task AppendOther(AdoNetJournalStorage journal, int i) =>
        journal.AppendAsync(GrainId.Create("faulty", $"journal-{i}"), 0, Events("a", "b", "c"), null, CancellationToken.None);

    private static byte[][] Events(params string[] texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];

    private static async Task AddTriggerAsync(SqliteTestDatabase sqlite, string sql)
    {
        await using var raw = await sqlite.OpenRawConnectionAsync();
        var command = raw.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
