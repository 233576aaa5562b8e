using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;
using Xunit.Abstractions;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteGroupCommitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WriteStateAsync_TwoThousandConcurrentGrains_CommitInFarFewerBatches()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var batchesBefore = sqlite.Database.Writer.Transactions;
        var operationsBefore = sqlite.Database.Writer.Writes;

        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => storage.WriteStateAsync(
            "state",
            GrainId.Create("batched", $"grain-{i}"),
            new GrainState<StorageTestState>(new StorageTestState($"value-{i}", i)),
            CancellationToken.None)));

        var batches = sqlite.Database.Writer.Transactions - batchesBefore;
        var operations = sqlite.Database.Writer.Writes - operationsBefore;
        output.WriteLine($"{operations} operations in {batches} batches ({(double)operations / batches:F1} per batch)");
        operations.ShouldBe(2000);
        batches.ShouldBeLessThan(operations / 4);
    }

    [Fact]
    public async Task WriteStateAsync_MaxBatchSizeTen_NoBatchIsLarger()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync(options => options.MaxBatchSize = 10);
        var storage = sqlite.GrainStorage();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => storage.WriteStateAsync(
            "state",
            GrainId.Create("small-batches", $"grain-{i}"),
            new GrainState<StorageTestState>(new StorageTestState("v", i)),
            CancellationToken.None)));

        sqlite.Database.Writer.Writes.ShouldBe(200);
        sqlite.Database.Writer.Transactions.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public async Task WriteStateAsync_CancelledWhileQueued_CompletesCancelledAndIsNeverWritten()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync(options => options.BusyTimeout = TimeSpan.FromSeconds(30));
        var storage = sqlite.GrainStorage();
        var blocker = GrainId.Create("queued", "blocker");
        var victim = GrainId.Create("queued", "victim");

        Task blocked;
        Task cancelled;
        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            // Holding SQLite's write lock keeps the writer loop stuck on the first batch, so the next write waits in the queue.
            using var writeLock = raw.BeginTransaction(deferred: false);
            blocked = storage.WriteStateAsync("state", blocker, new GrainState<StorageTestState>(new StorageTestState("first", 1)), CancellationToken.None);
            await Task.Delay(300);
            using var cancellation = new CancellationTokenSource();
            cancelled = storage.WriteStateAsync("state", victim, new GrainState<StorageTestState>(new StorageTestState("never", 2)), cancellation.Token);
            await cancellation.CancelAsync();

            await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
            blocked.IsCompleted.ShouldBeFalse();
            writeLock.Commit();
        }

        await blocked;
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await storage.ReadStateAsync("state", victim, read, CancellationToken.None);
        read.RecordExists.ShouldBeFalse();
        read.ETag.ShouldBeNull();
        await storage.ReadStateAsync("state", blocker, read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("first", 1));
    }

    [Fact]
    public async Task OnStopAsync_WithWritesQueued_WritesThemAllBeforeStopping()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var writes = Enumerable.Range(0, 500).Select(i => storage.WriteStateAsync(
            "state",
            GrainId.Create("drained", $"grain-{i}"),
            new GrainState<StorageTestState>(new StorageTestState("v", i)),
            CancellationToken.None)).ToArray();

        await sqlite.Database.OnStopAsync(CancellationToken.None);

        await Task.WhenAll(writes);
        await sqlite.ReopenAsync();
        var reopened = sqlite.GrainStorage();
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await reopened.ReadStateAsync("state", GrainId.Create("drained", "grain-499"), read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("v", 499));
    }

    [Fact]
    public async Task WriteStateAsync_AfterStop_Throws()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        await sqlite.Database.OnStopAsync(CancellationToken.None);

        await Should.ThrowAsync<InvalidOperationException>(() => storage.WriteStateAsync(
            "state",
            GrainId.Create("late", "grain"),
            new GrainState<StorageTestState>(new StorageTestState("late", 1)),
            CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_QueuedWhileABatchRuns_JoinsThatBatchsCommit()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var database = sqlite.Database;
        var batchesBefore = database.Writer.Transactions;
        Task<bool>? joined = null;

        // The second write is queued from inside the first one's execution, so it arrives while
        // the first one's batch is running and before that batch commits.
        var first = Write(database, () => joined ??= Write(database, () => { }));

        (await first).ShouldBeTrue();
        (await joined!).ShouldBeTrue();
        (database.Writer.Transactions - batchesBefore).ShouldBe(1);
    }

    [Fact]
    public async Task WriteAsync_AJoinedWriteThrows_ItFailsAloneAndTheRestCommitTogether()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var database = sqlite.Database;
        var batchesBefore = database.Writer.Transactions;
        Task<bool>? broken = null;
        Task<bool>? fine = null;
        var first = Write(database, () =>
        {
            broken ??= Write(database, () => throw new InvalidOperationException("broken write"));
            fine ??= Write(database, () => { });
        });

        (await first).ShouldBeTrue();
        (await fine!).ShouldBeTrue();
        (await Should.ThrowAsync<InvalidOperationException>(broken!)).Message.ShouldBe("broken write");
        (database.Writer.Transactions - batchesBefore).ShouldBe(1);
        database.Writer.Writes.ShouldBe(2);
    }

    private static Task<bool> Write(AdoNetDatabase database, Action execute) =>
        database.WriteAsync(new CallbackOperation(execute), CancellationToken.None);

    /// <summary>A write that runs a callback where a real one would run its statements.</summary>
    private sealed class CallbackOperation(Action execute) : WriteOperation<bool>(CancellationToken.None)
    {
        protected override void ExecuteCore(WriteSession session)
        {
            execute();
            Result = true;
        }
    }
}
