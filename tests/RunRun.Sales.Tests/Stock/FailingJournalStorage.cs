using RunRun.Actors;
using RunRun.Actors.Storage;

namespace RunRun.Sales.Tests.Stock;

/// <summary>
/// A journal whose appends fail on demand, after a short delay so that concurrent events share one
/// write; it counts every call that reaches it, so a test can prove a path never touched storage.
/// </summary>
internal sealed class FailingJournalStorage(IJournalStorage inner) : IJournalStorage
{
    public volatile bool Failing;

    /// <summary>Appends wait for this before they reach storage, so a test can hold a write in flight for as long as it needs.</summary>
    public volatile Task Gate = Task.CompletedTask;

    private readonly Lock _order = new();
    private Task _tail = Task.CompletedTask;
    private int _reads;
    private int _appends;

    /// <summary>Reads and appends received so far, failed ones included.</summary>
    public int Calls => Volatile.Read(ref _reads) + Volatile.Read(ref _appends);

    public int Appends => Volatile.Read(ref _appends);

    /// <summary>A sales cluster whose stock journals go through a new one of these, over memory, working until told to fail.</summary>
    public static async Task<(SalesCluster Sales, FailingJournalStorage Journal)> StartClusterAsync()
    {
        var journal = new FailingJournalStorage(new RunRun.Actors.Storage.Memory.MemoryJournalStorage());
        var sales = await SalesCluster.StartAsync(b => b.ConfigureSilo(s =>
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddKeyedSingleton<IJournalStorage>(s.Services, "Default", journal)));
        return (sales, journal);
    }

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return inner.ReadAsync(grainId, cancellationToken);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _appends);
        lock (_order)
        {
            // A journal keeps several writes in flight and storage must apply them in the order they
            // were made; each delay alone could end in any order, so each append also waits for the one before.
            return _tail = AppendAfterAsync(_tail, grainId, expectedVersion, events, snapshot, cancellationToken);
        }
    }

    private async Task AppendAfterAsync(Task previous, GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await Task.Delay(20, cancellationToken);
        await Gate;

        // The previous append's failure is its own caller's to see; storage then refuses this one if it must.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (Failing)
        {
            throw new IOException("disk unavailable (test)");
        }

        await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
    }
}
