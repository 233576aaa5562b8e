using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.EventSourcing;

/// <summary>Adds a fixed latency to every append, like a disk's flush.</summary>
internal sealed class SlowJournalStorage(IJournalStorage inner, TimeSpan latency) : IJournalStorage
{
    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await Task.Delay(latency, cancellationToken);
        await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
    }
}
