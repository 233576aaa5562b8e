using Microsoft.Data.Sqlite;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

/// <summary>The writer loop's metrics count what committed and time what the loop did.</summary>
public sealed class SqliteWriterMetricsTests
{
    [Fact]
    public async Task Writer_FiftyWritesCommitted_CountedWithTheirTransactionsAndTimes()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var writer = sqlite.Database.Writer;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => storage.WriteStateAsync(
            "state", GrainId.Create("metered", $"grain-{i}"), State(i), CancellationToken.None)));

        writer.Writes.ShouldBe(50);
        writer.Transactions.ShouldBeInRange(1, 50);
        writer.StatementTime.ShouldBeGreaterThan(TimeSpan.Zero);
        writer.CommitTime.ShouldBeGreaterThan(TimeSpan.Zero);
        var buckets = Enumerable.Range(0, WriterMetrics.CommitSecondsBounds.Count).Select(writer.CommitsAtMost).ToList();
        buckets.ShouldBe(buckets.Order().ToList(), "buckets are cumulative");
        buckets[^1].ShouldBeLessThanOrEqualTo(writer.Transactions);
        buckets[^1].ShouldBeGreaterThan(0, "a commit of a few rows takes well under a second");
    }

    [Fact]
    public async Task Writer_StaleEtag_CommitsATransactionWithNoWrite()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var grain = GrainId.Create("metered", "stale");
        await storage.WriteStateAsync("state", grain, State(1), CancellationToken.None);
        var (transactions, writes) = (sqlite.Database.Writer.Transactions, sqlite.Database.Writer.Writes);

        var stale = State(2);
        stale.ETag = "7";
        await Should.ThrowAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grain, stale, CancellationToken.None));

        (sqlite.Database.Writer.Transactions - transactions).ShouldBe(1, "the conflict is found inside a batch, which commits");
        sqlite.Database.Writer.Writes.ShouldBe(writes, "a conflict writes nothing");
    }

    [Fact]
    public async Task Writer_WriteFailsAndRollsBack_TimedButNotCounted()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            var command = raw.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON grain_state BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            await command.ExecuteNonQueryAsync();
        }

        await Should.ThrowAsync<SqliteException>(() => storage.WriteStateAsync("state", GrainId.Create("metered", "refused"), State(1), CancellationToken.None));

        var writer = sqlite.Database.Writer;
        writer.Writes.ShouldBe(0);
        writer.Transactions.ShouldBe(0);
        writer.StatementTime.ShouldBeGreaterThan(TimeSpan.Zero, "the loop was busy with the batch it rolled back");
    }

    private static GrainState<StorageTestState> State(int value) => new(new StorageTestState("v", value));
}
