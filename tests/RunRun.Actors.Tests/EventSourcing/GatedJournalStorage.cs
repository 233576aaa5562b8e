using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.EventSourcing;

/// <summary>Holds appends at a gate, so a test can act while a write is in flight.</summary>
internal sealed class GatedJournalStorage(IJournalStorage inner) : IJournalStorage
{
    private volatile TaskCompletionSource _gate = CreateOpen();

    public int AppendsStarted;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public async Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref AppendsStarted);
        await _gate.Task.WaitAsync(cancellationToken);
        await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
    }

    private static TaskCompletionSource CreateOpen()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
