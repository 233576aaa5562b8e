using System.Text;
using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.Storage;

/// <summary>What every <see cref="IJournalStorage"/> must do; each implementation runs it through a subclass.</summary>
public abstract class JournalStorageContractTests : IAsyncLifetime
{
    private IJournalStorage? _journal;

    protected IJournalStorage Journal => _journal ?? throw new InvalidOperationException("The journal is created in InitializeAsync.");

    public async Task InitializeAsync() => _journal = await CreateJournalAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReadAsync_EmptyJournal_ReturnsNoSnapshotAndNoEvents()
    {
        var read = await Journal.ReadAsync(Grain("empty"), CancellationToken.None);

        read.Snapshot.ShouldBeNull();
        read.Events.ShouldBeEmpty();
        read.Version.ShouldBe(0);
    }

    [Fact]
    public async Task AppendAsync_TwoAppends_ReadReturnsEveryEventInOrder()
    {
        var grain = Grain("ordered");

        await Journal.AppendAsync(grain, 0, Events("a", "b", "c"), null, CancellationToken.None);
        await Journal.AppendAsync(grain, 3, Events("d", "e"), null, CancellationToken.None);

        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        read.Snapshot.ShouldBeNull();
        Texts(read.Events).ShouldBe(["a", "b", "c", "d", "e"]);
        read.Version.ShouldBe(5);
    }

    [Fact]
    public async Task AppendAsync_NextMadeBeforeThePreviousCompletes_AppliedInTheOrderMade()
    {
        var grain = Grain("pipelined");

        // A journal keeps a few writes in flight, each expecting the version the one before ends at.
        var appends = Enumerable.Range(0, 20).Select(i => Journal.AppendAsync(grain, i * 2, Events($"{i}a", $"{i}b"), null, CancellationToken.None)).ToArray();
        await Task.WhenAll(appends);

        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        Texts(read.Events).ShouldBe(Enumerable.Range(0, 20).SelectMany(i => new[] { $"{i}a", $"{i}b" }));
    }

    [Fact]
    public async Task AppendAsync_MadeAfterAFailedAppend_FailsToo()
    {
        var grain = Grain("after-failure");
        await Journal.AppendAsync(grain, 0, Events("a"), null, CancellationToken.None);

        var failed = Journal.AppendAsync(grain, 5, Events("x", "y"), null, CancellationToken.None);
        var next = Journal.AppendAsync(grain, 7, Events("z"), null, CancellationToken.None);

        await Should.ThrowAsync<JournalConflictException>(failed);
        await Should.ThrowAsync<JournalConflictException>(next);
        Texts((await Journal.ReadAsync(grain, CancellationToken.None)).Events).ShouldBe(["a"]);
    }

    [Fact]
    public async Task AppendAsync_WithSnapshot_ReadReturnsSnapshotAndOnlyLaterEvents()
    {
        var grain = Grain("snapshotted");
        await Journal.AppendAsync(grain, 0, Events("a", "b", "c"), Snapshot(3, "state@3"), CancellationToken.None);
        await Journal.AppendAsync(grain, 3, Events("d", "e"), null, CancellationToken.None);

        var read = await Journal.ReadAsync(grain, CancellationToken.None);

        read.Snapshot.ShouldNotBeNull();
        read.Snapshot.Version.ShouldBe(3);
        Encoding.UTF8.GetString(read.Snapshot.State).ShouldBe("state@3");
        Texts(read.Events).ShouldBe(["d", "e"]);
        read.Version.ShouldBe(5);
    }

    [Fact]
    public async Task AppendAsync_NewerSnapshot_ReplacesOlderOne()
    {
        var grain = Grain("resnapshotted");
        await Journal.AppendAsync(grain, 0, Events("a", "b"), Snapshot(2, "state@2"), CancellationToken.None);
        await Journal.AppendAsync(grain, 2, Events("c"), null, CancellationToken.None);

        await Journal.AppendAsync(grain, 3, Events("d"), Snapshot(4, "state@4"), CancellationToken.None);

        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        read.Snapshot!.Version.ShouldBe(4);
        Encoding.UTF8.GetString(read.Snapshot.State).ShouldBe("state@4");
        read.Events.ShouldBeEmpty();
        read.Version.ShouldBe(4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AppendAsync_WrongExpectedVersion_ThrowsAndWritesNothing(long expectedVersion)
    {
        var grain = Grain($"conflict-{expectedVersion}");
        await Journal.AppendAsync(grain, 0, Events("a", "b"), null, CancellationToken.None);

        var conflict = await Should.ThrowAsync<JournalConflictException>(
            () => Journal.AppendAsync(grain, expectedVersion, Events("x", "y"), Snapshot(expectedVersion + 2, "bad"), CancellationToken.None));

        conflict.GrainId.ShouldBe(grain);
        conflict.ExpectedVersion.ShouldBe(expectedVersion);
        conflict.ActualVersion.ShouldBe(2);
        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        read.Snapshot.ShouldBeNull();
        Texts(read.Events).ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppendersAtSameVersion_ExactlyOneWins()
    {
        var grain = Grain("contended");
        await Journal.AppendAsync(grain, 0, Events("genesis"), null, CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await Journal.AppendAsync(grain, 1, Events($"first-{i}", $"second-{i}"), null, CancellationToken.None);
                return true;
            }
            catch (JournalConflictException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        var winner = Array.IndexOf(outcomes, true);
        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        Texts(read.Events).ShouldBe(["genesis", $"first-{winner}", $"second-{winner}"]);
    }

    [Fact]
    public async Task AppendAsync_HundredGrainsConcurrently_AllSucceed()
    {
        var grains = Enumerable.Range(0, 100).Select(i => Grain($"many-{i}")).ToArray();

        await Task.WhenAll(grains.Select((grain, i) => Task.Run(
            () => Journal.AppendAsync(grain, 0, Events($"event-{i}"), null, CancellationToken.None))));

        for (var i = 0; i < grains.Length; i++)
        {
            Texts((await Journal.ReadAsync(grains[i], CancellationToken.None)).Events).ShouldBe([$"event-{i}"]);
        }
    }

    [Fact]
    public async Task AppendAsync_CallerReusesItsBuffers_StoredEventsDoNotChange()
    {
        var grain = Grain("buffers");
        var events = Events("abc");
        var snapshot = Snapshot(1, "snap");
        await Journal.AppendAsync(grain, 0, events, snapshot, CancellationToken.None);

        events[0][0] = (byte)'X';
        snapshot.State[0] = (byte)'X';
        await Journal.AppendAsync(grain, 1, Events("def"), null, CancellationToken.None);
        var read = await Journal.ReadAsync(grain, CancellationToken.None);
        read.Events[0][0] = (byte)'Y';

        var again = await Journal.ReadAsync(grain, CancellationToken.None);
        Encoding.UTF8.GetString(again.Snapshot!.State).ShouldBe("snap");
        Texts(again.Events).ShouldBe(["def"]);
    }

    [Theory]
    [MemberData(nameof(AwkwardNames.KeysAndNames), MemberType = typeof(AwkwardNames))]
    public async Task AppendAsync_UnicodeAndPunctuationInKey_KeepsJournalsApart(string key, string eventText)
    {
        var grain = GrainId.Create("contract", key);
        var neighbour = GrainId.Create("contract", "plain");
        await Journal.AppendAsync(neighbour, 0, Events("neighbour"), null, CancellationToken.None);

        await Journal.AppendAsync(grain, 0, Events(eventText), null, CancellationToken.None);

        Texts((await Journal.ReadAsync(grain, CancellationToken.None)).Events).ShouldBe([eventText]);
        Texts((await Journal.ReadAsync(neighbour, CancellationToken.None)).Events).ShouldBe(["neighbour"]);
    }

    [Fact]
    public async Task AppendAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        var grain = Grain("cancelled");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => Journal.AppendAsync(grain, 0, Events("never"), null, cancellation.Token));

        (await Journal.ReadAsync(grain, CancellationToken.None)).Version.ShouldBe(0);
    }

    protected abstract Task<IJournalStorage> CreateJournalAsync();

    private static GrainId Grain(string key) => GrainId.Create("journal", key);

    private static byte[][] Events(params string[] texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];

    private static JournalSnapshot Snapshot(long version, string text) => new(version, Encoding.UTF8.GetBytes(text));

    private static string[] Texts(IEnumerable<byte[]> events) => [.. events.Select(payload => Encoding.UTF8.GetString(payload))];
}
