using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.EventSourcing;

/// <summary>
/// Adds a fixed latency to every append, like a disk's flush, and counts the snapshots written.
/// The write lands at once, in the order the appends were made, as storage must keep it; only the
/// answer waits.
/// </summary>
internal sealed class SlowJournalStorage(IJournalStorage inner, TimeSpan latency) : IJournalStorage
{
    private int _snapshots;

    public int SnapshotsWritten => Volatile.Read(ref _snapshots);

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
        if (snapshot is not null)
        {
            Interlocked.Increment(ref _snapshots);
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, CancellationToken.None);
        }
    }
}
