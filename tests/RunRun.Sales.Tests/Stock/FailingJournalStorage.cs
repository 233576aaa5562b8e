using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Sales.Tests.Stock;

/// <summary>A journal whose appends fail on demand, after a short delay so that concurrent events share one write.</summary>
internal sealed class FailingJournalStorage(IJournalStorage inner) : IJournalStorage
{
    public volatile bool Failing;

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        if (Failing)
        {
            throw new IOException("disk unavailable (test)");
        }

        await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
    }
}
