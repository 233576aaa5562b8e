using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.Storage;

/// <summary>What every <see cref="IGrainStorage"/> must do; each implementation runs it through a subclass.</summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    private const string StateName = "state";
    private IGrainStorage? _storage;

    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("The storage is created in InitializeAsync.");

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task WriteStateAsync_ThenRead_RoundTripsStateAndEtag()
    {
        var grain = Grain("round-trip");
        var written = State("hello", 42);

        await Storage.WriteStateAsync(StateName, grain, written, CancellationToken.None);

        written.ETag.ShouldNotBeNull();
        written.RecordExists.ShouldBeTrue();
        var read = await ReadAsync(StateName, grain);
        read.State.ShouldBe(new StorageTestState("hello", 42));
        read.ETag.ShouldBe(written.ETag);
        read.RecordExists.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadStateAsync_MissingRecord_ReportsNoEtagAndNoRecord()
    {
        var read = await ReadAsync(StateName, Grain("missing"));

        read.ETag.ShouldBeNull();
        read.RecordExists.ShouldBeFalse();
        read.State.ShouldBe(Unset);
    }

    [Fact]
    public async Task WriteStateAsync_RepeatedWithCurrentEtag_ChangesEtagEachTime()
    {
        var grain = Grain("repeated");
        var state = State("one", 1);
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
        var first = state.ETag;

        state.State = new StorageTestState("two", 2);
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        state.ETag.ShouldNotBe(first);
        var read = await ReadAsync(StateName, grain);
        read.State.ShouldBe(new StorageTestState("two", 2));
        read.ETag.ShouldBe(state.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_StaleEtag_ThrowsAndKeepsStoredValue()
    {
        var grain = Grain("stale");
        var first = State("first", 1);
        await Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None);
        var stale = await ReadAsync(StateName, grain);
        first.State = new StorageTestState("second", 2);
        await Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None);

        var staleEtag = stale.ETag;
        stale.State = new StorageTestState("lost", 3);
        var conflict = await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None));

        conflict.StoredEtag.ShouldBe(first.ETag);
        conflict.CurrentEtag.ShouldBe(staleEtag);
        stale.ETag.ShouldBe(staleEtag);
        var read = await ReadAsync(StateName, grain);
        read.State.ShouldBe(new StorageTestState("second", 2));
        read.ETag.ShouldBe(first.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_NullEtagOverExistingRecord_Throws()
    {
        var grain = Grain("null-over-existing");
        var existing = State("existing", 1);
        await Storage.WriteStateAsync(StateName, grain, existing, CancellationToken.None);

        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, State("intruder", 2), CancellationToken.None));

        (await ReadAsync(StateName, grain)).State.ShouldBe(new StorageTestState("existing", 1));
    }

    [Fact]
    public async Task ClearStateAsync_ThenRead_RecordIsGoneAndItsEtagAllowsTheNextWrite()
    {
        var grain = Grain("cleared");
        var state = State("doomed", 1);
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
        var beforeClear = state.ETag;

        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);

        state.RecordExists.ShouldBeFalse();
        state.ETag.ShouldNotBeNull();
        state.ETag.ShouldNotBe(beforeClear);
        var read = await ReadAsync(StateName, grain);
        read.RecordExists.ShouldBeFalse();
        read.ETag.ShouldBe(state.ETag);
        read.State.ShouldBe(Unset);

        read.State = new StorageTestState("reborn", 2);
        await Storage.WriteStateAsync(StateName, grain, read, CancellationToken.None);
        (await ReadAsync(StateName, grain)).State.ShouldBe(new StorageTestState("reborn", 2));
    }

    [Fact]
    public async Task ClearStateAsync_NeverWrittenRecord_SucceedsAndLaterWritersMustNameTheNewEtag()
    {
        var grain = Grain("cleared-before-written");
        var state = State("unused", 0);

        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);

        state.ETag.ShouldNotBeNull();
        state.RecordExists.ShouldBeFalse();
        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, State("read before the clear", 1), CancellationToken.None));
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);
    }

    [Fact]
    public async Task WriteStateAsync_StaleEtagAfterClear_Throws()
    {
        var grain = Grain("stale-after-clear");
        var owner = State("owner", 1);
        await Storage.WriteStateAsync(StateName, grain, owner, CancellationToken.None);
        var stale = await ReadAsync(StateName, grain);
        await Storage.ClearStateAsync(StateName, grain, owner, CancellationToken.None);

        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None));
        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, State("never-read", 3), CancellationToken.None));

        (await ReadAsync(StateName, grain)).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task ClearStateAsync_StaleEtag_ThrowsAndKeepsRecord()
    {
        var grain = Grain("stale-clear");
        var owner = State("owner", 1);
        await Storage.WriteStateAsync(StateName, grain, owner, CancellationToken.None);
        var stale = await ReadAsync(StateName, grain);
        owner.State = new StorageTestState("owner", 2);
        await Storage.WriteStateAsync(StateName, grain, owner, CancellationToken.None);

        await Should.ThrowAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(StateName, grain, stale, CancellationToken.None));

        var read = await ReadAsync(StateName, grain);
        read.RecordExists.ShouldBeTrue();
        read.State.ShouldBe(new StorageTestState("owner", 2));
    }

    [Fact]
    public async Task WriteStateAsync_FiftyConcurrentWritersWithSameEtag_ExactlyOneWins()
    {
        var grain = Grain("contended");
        var initial = State("initial", 0);
        await Storage.WriteStateAsync(StateName, grain, initial, CancellationToken.None);
        var writers = Enumerable.Range(1, 50)
            .Select(i => new GrainState<StorageTestState>(new StorageTestState($"writer-{i}", i)) { ETag = initial.ETag, RecordExists = true })
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            try
            {
                await Storage.WriteStateAsync(StateName, grain, writer, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        outcomes.Count(won => won).ShouldBe(1);
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = await ReadAsync(StateName, grain);
        read.State.ShouldBe(winner.State);
        read.ETag.ShouldBe(winner.ETag);
    }

    [Fact]
    public async Task WriteStateAsync_TwoHundredGrainsConcurrently_AllSucceed()
    {
        var grains = Enumerable.Range(0, 200).Select(i => Grain($"many-{i}")).ToArray();

        await Task.WhenAll(grains.Select((grain, i) => Task.Run(
            () => Storage.WriteStateAsync(StateName, grain, State($"value-{i}", i), CancellationToken.None))));

        for (var i = 0; i < grains.Length; i++)
        {
            (await ReadAsync(StateName, grains[i])).State.ShouldBe(new StorageTestState($"value-{i}", i));
        }
    }

    [Fact]
    public async Task WriteStateAsync_LargeState_RoundTrips()
    {
        var grain = Grain("large");
        var text = string.Create(3 * 1024 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        });
        var state = State(text, 7);

        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        var read = await ReadAsync(StateName, grain);
        read.State.Text.Length.ShouldBe(text.Length);
        read.State.ShouldBe(new StorageTestState(text, 7));
    }

    [Theory]
    [MemberData(nameof(AwkwardNames.KeysAndNames), MemberType = typeof(AwkwardNames))]
    public async Task WriteStateAsync_UnicodeAndPunctuationInKeyAndStateName_RoundTripsWithoutTouchingOthers(string key, string stateName)
    {
        var grain = GrainId.Create("contract", key);
        var neighbour = GrainId.Create("contract", "plain");
        await Storage.WriteStateAsync(stateName, neighbour, State("neighbour", 1), CancellationToken.None);

        var state = State($"value of {key}", 2);
        await Storage.WriteStateAsync(stateName, grain, state, CancellationToken.None);

        var read = await ReadAsync(stateName, grain);
        read.State.ShouldBe(new StorageTestState($"value of {key}", 2));
        read.ETag.ShouldBe(state.ETag);
        (await ReadAsync(stateName, neighbour)).State.ShouldBe(new StorageTestState("neighbour", 1));
        (await ReadAsync(StateName, grain)).RecordExists.ShouldBeFalse();
    }

    [Fact]
    public async Task WriteStateAsync_SameGrainTwoStateNames_KeepsThemApart()
    {
        var grain = Grain("two-states");
        await Storage.WriteStateAsync("first", grain, State("first", 1), CancellationToken.None);
        await Storage.WriteStateAsync("second", grain, State("second", 2), CancellationToken.None);

        (await ReadAsync("first", grain)).State.ShouldBe(new StorageTestState("first", 1));
        (await ReadAsync("second", grain)).State.ShouldBe(new StorageTestState("second", 2));
    }

    [Fact]
    public async Task WriteStateAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        var grain = Grain("cancelled");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(
            () => Storage.WriteStateAsync(StateName, grain, State("never", 1), cancellation.Token));

        (await ReadAsync(StateName, grain)).RecordExists.ShouldBeFalse();
    }

    protected abstract Task<IGrainStorage> CreateStorageAsync();

    private static StorageTestState Unset { get; } = new("unset", -1);

    private static GrainId Grain(string key) => GrainId.Create("contract", key);

    private static GrainState<StorageTestState> State(string text, int number) => new(new StorageTestState(text, number));

    private async Task<GrainState<StorageTestState>> ReadAsync(string stateName, GrainId grain)
    {
        var state = new GrainState<StorageTestState>(Unset);
        await Storage.ReadStateAsync(stateName, grain, state, CancellationToken.None);
        return state;
    }
}
