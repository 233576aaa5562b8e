using Microsoft.Extensions.Logging.Abstractions;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

/// <summary>A SQLite database is one process's own, so it may answer reads of states it knows were never written.</summary>
public sealed class SqliteStoredStateTests
{
    [Fact]
    public async Task Read_AfterTheScan_StatesFromBeforeTheRestartAreFound_AndUnknownOnesSkipTheQuery()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var kept = GrainId.Create("durable", "kept");
        await sqlite.GrainStorage().WriteStateAsync("state", kept, new GrainState<StorageTestState>(new StorageTestState("kept", 1)), CancellationToken.None);
        await sqlite.ReopenAsync();
        await ScanFinishedAsync(sqlite);

        // A row the database never wrote, put there behind its back: only a read that skips the query misses it.
        var planted = GrainId.Create("durable", "planted");
        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO grain_state (state_name, grain_id, grain_hash, etag, payload) VALUES ('state', 'durable/planted', 0, 1, '{}');";
            await insert.ExecuteNonQueryAsync();
        }

        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await sqlite.GrainStorage().ReadStateAsync("state", kept, read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("kept", 1));
        read.RecordExists.ShouldBeTrue();

        var unknown = new GrainState<StorageTestState>(new StorageTestState("default", 0));
        await sqlite.GrainStorage().ReadStateAsync("state", planted, unknown, CancellationToken.None);
        unknown.RecordExists.ShouldBeFalse();
        unknown.ETag.ShouldBeNull();
        unknown.State.ShouldBe(new StorageTestState("default", 0));
    }

    [Fact]
    public async Task Read_StateWrittenAfterTheScan_IsFound_AndAClearedOneKeepsItsEtag()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        await ScanFinishedAsync(sqlite);
        var grain = GrainId.Create("fresh", "written");
        var written = new GrainState<StorageTestState>(new StorageTestState("new", 1));
        await sqlite.GrainStorage().WriteStateAsync("state", grain, written, CancellationToken.None);

        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await sqlite.GrainStorage().ReadStateAsync("state", grain, read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("new", 1));

        await sqlite.GrainStorage().ClearStateAsync("state", grain, written, CancellationToken.None);
        var cleared = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await sqlite.GrainStorage().ReadStateAsync("state", grain, cleared, CancellationToken.None);
        cleared.RecordExists.ShouldBeFalse();
        cleared.ETag.ShouldBe(written.ETag);
    }

    [Fact]
    public async Task Start_SecondDatabaseOnTheSameFile_IsRefused_UntilTheFirstStops()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var second = new AdoNetDatabase(new SqliteDialect(sqlite.Options), 64, NullLogger<AdoNetDatabase>.Instance);

        var refused = await Should.ThrowAsync<DatabaseInUseException>(() => second.OnStartAsync(CancellationToken.None));
        refused.Message.ShouldContain(sqlite.Options.DataSource!);
        await second.DisposeAsync();

        await sqlite.Database.DisposeAsync();
        await using var third = new AdoNetDatabase(new SqliteDialect(sqlite.Options), 64, NullLogger<AdoNetDatabase>.Instance);
        await third.OnStartAsync(CancellationToken.None);
        await Storage(third).WriteStateAsync("state", GrainId.Create("after", "first"), new GrainState<StorageTestState>(new StorageTestState("ok", 1)), CancellationToken.None);
    }

    [Fact]
    public async Task Read_AfterStop_ThrowsInsteadOfAnsweringFromTheFilter()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        await ScanFinishedAsync(sqlite);
        await sqlite.Database.DisposeAsync();

        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await Should.ThrowAsync<InvalidOperationException>(() => sqlite.GrainStorage().ReadStateAsync("state", GrainId.Create("never", "written"), read, CancellationToken.None));
    }

    private static Task ScanFinishedAsync(SqliteTestDatabase sqlite) =>
        Clusters.Eventually(() => Task.FromResult(sqlite.Database.KnowsEveryStoredState), "the start-up scan to finish");

    private static AdoNetGrainStorage Storage(AdoNetDatabase database) => new(database, StorageTestSerializer.Create());
}
