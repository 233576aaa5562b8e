using RunRun.Actors.Reminders;

namespace RunRun.Actors.Tests.Storage;

/// <summary>What every <see cref="IReminderTable"/> must do; each implementation runs it through a subclass.</summary>
public abstract class ReminderTableContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset StartAt = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123);
    private IReminderTable? _table;

    protected IReminderTable Table => _table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    public async Task InitializeAsync() => _table = await CreateTableAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReadRowAsync_MissingRow_ReturnsNull()
    {
        (await Table.ReadRowAsync(Grain("missing"), "nothing", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task UpsertRowAsync_ThenReadRow_ReturnsTheEntryWithItsEtag()
    {
        var entry = Entry("upserted", "tick");

        var etag = await Table.UpsertRowAsync(entry, CancellationToken.None);

        etag.ShouldNotBeNullOrEmpty();
        var read = await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None);
        read.ShouldNotBeNull();
        read.ShouldBe(entry with { ETag = etag });
        read.GrainHash.ShouldBe(StableHash.Compute(entry.GrainId));
    }

    [Fact]
    public async Task UpsertRowAsync_ExistingRow_ReplacesItUnderANewEtag()
    {
        var entry = Entry("replaced", "tick");
        var first = await Table.UpsertRowAsync(entry, CancellationToken.None);
        var changed = entry with { StartAt = StartAt.AddHours(1), Period = TimeSpan.FromSeconds(90) };

        var second = await Table.UpsertRowAsync(changed, CancellationToken.None);

        second.ShouldNotBe(first);
        (await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None)).ShouldBe(changed with { ETag = second });
        (await Table.ReadRowsAsync(entry.GrainId, CancellationToken.None)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task RemoveRowAsync_CurrentEtag_RemovesTheRow()
    {
        var entry = Entry("removed", "tick");
        var etag = await Table.UpsertRowAsync(entry, CancellationToken.None);

        (await Table.RemoveRowAsync(entry.GrainId, "tick", etag, CancellationToken.None)).ShouldBeTrue();

        (await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task RemoveRowAsync_StaleEtag_ReturnsFalseAndKeepsTheRow()
    {
        var entry = Entry("kept", "tick");
        var stale = await Table.UpsertRowAsync(entry, CancellationToken.None);
        var current = await Table.UpsertRowAsync(entry, CancellationToken.None);

        (await Table.RemoveRowAsync(entry.GrainId, "tick", stale, CancellationToken.None)).ShouldBeFalse();

        (await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None))!.ETag.ShouldBe(current);
    }

    [Fact]
    public async Task RemoveRowAsync_MissingRowOrForeignEtag_ReturnsFalse()
    {
        var entry = Entry("absent", "tick");
        (await Table.RemoveRowAsync(entry.GrainId, "tick", "1", CancellationToken.None)).ShouldBeFalse();

        await Table.UpsertRowAsync(entry, CancellationToken.None);
        (await Table.RemoveRowAsync(entry.GrainId, "tick", "not-an-etag", CancellationToken.None)).ShouldBeFalse();
        (await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task RemoveRowAsync_EtagOfARowThatWasRemovedAndAddedAgain_ReturnsFalse()
    {
        var entry = Entry("recycled", "tick");
        var old = await Table.UpsertRowAsync(entry, CancellationToken.None);
        (await Table.RemoveRowAsync(entry.GrainId, "tick", old, CancellationToken.None)).ShouldBeTrue();
        await Table.UpsertRowAsync(entry, CancellationToken.None);

        (await Table.RemoveRowAsync(entry.GrainId, "tick", old, CancellationToken.None)).ShouldBeFalse();

        (await Table.ReadRowAsync(entry.GrainId, "tick", CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ReadRowsAsync_ByGrain_ReturnsOnlyThatGrainsRows()
    {
        var grain = Grain("owner");
        await Table.UpsertRowAsync(Entry("owner", "one"), CancellationToken.None);
        await Table.UpsertRowAsync(Entry("owner", "two"), CancellationToken.None);
        await Table.UpsertRowAsync(Entry("other", "one"), CancellationToken.None);

        var rows = await Table.ReadRowsAsync(grain, CancellationToken.None);

        rows.Select(row => row.ReminderName).Order(StringComparer.Ordinal).ShouldBe(["one", "two"]);
        rows.ShouldAllBe(row => row.GrainId == grain && row.ETag != null);
    }

    [Fact]
    public async Task ReadRowsAsync_Range_ReturnsRowsAfterStartUpToAndIncludingEnd()
    {
        var sorted = await AddRingAsync();

        var rows = await Table.ReadRowsAsync(sorted[10].GrainHash, sorted[40].GrainHash, CancellationToken.None);

        Keys(rows).ShouldBe(Keys(sorted.Skip(11).Take(30)));
    }

    [Fact]
    public async Task ReadRowsAsync_StartAfterEnd_WrapsAroundZero()
    {
        var sorted = await AddRingAsync();

        var rows = await Table.ReadRowsAsync(sorted[50].GrainHash, sorted[5].GrainHash, CancellationToken.None);

        Keys(rows).ShouldBe(Keys(sorted.Skip(51).Concat(sorted.Take(6))));
    }

    [Fact]
    public async Task ReadRowsAsync_StartEqualsEnd_ReturnsTheWholeRing()
    {
        var sorted = await AddRingAsync();

        var rows = await Table.ReadRowsAsync(sorted[20].GrainHash, sorted[20].GrainHash, CancellationToken.None);

        Keys(rows).ShouldBe(Keys(sorted));
    }

    [Fact]
    public async Task ReadRowsAsync_ZeroToMax_ReturnsEveryRowAboveZero()
    {
        var sorted = await AddRingAsync();

        var rows = await Table.ReadRowsAsync(0, uint.MaxValue, CancellationToken.None);

        Keys(rows).ShouldBe(Keys(sorted.Where(entry => entry.GrainHash > 0)));
    }

    [Theory]
    [MemberData(nameof(AwkwardNames.KeysAndNames), MemberType = typeof(AwkwardNames))]
    public async Task UpsertRowAsync_UnicodeAndPunctuationInKeyAndName_RoundTrips(string key, string reminderName)
    {
        var entry = Entry(key, reminderName);

        var etag = await Table.UpsertRowAsync(entry, CancellationToken.None);

        (await Table.ReadRowAsync(entry.GrainId, reminderName, CancellationToken.None)).ShouldBe(entry with { ETag = etag });
        (await Table.ReadRowsAsync(entry.GrainId, CancellationToken.None)).Single().ReminderName.ShouldBe(reminderName);
        (await Table.RemoveRowAsync(entry.GrainId, reminderName, etag, CancellationToken.None)).ShouldBeTrue();
    }

    protected abstract Task<IReminderTable> CreateTableAsync();

    private static GrainId Grain(string key) => GrainId.Create("reminded", key);

    private static ReminderEntry Entry(string key, string name) => new(Grain(key), name, StartAt, TimeSpan.FromMinutes(5));

    private static string[] Keys(IEnumerable<ReminderEntry> rows) =>
        [.. rows.Select(row => $"{row.GrainId}#{row.ReminderName}").Order(StringComparer.Ordinal)];

    /// <summary>Sixty reminders on sixty grains, sorted by grain hash.</summary>
    private async Task<ReminderEntry[]> AddRingAsync()
    {
        var entries = Enumerable.Range(0, 60).Select(i => Entry($"ring-{i}", "tick")).OrderBy(entry => entry.GrainHash).ToArray();
        entries.Select(entry => entry.GrainHash).Distinct().Count().ShouldBe(entries.Length);
        foreach (var entry in entries)
        {
            await Table.UpsertRowAsync(entry, CancellationToken.None);
        }

        return entries;
    }
}
