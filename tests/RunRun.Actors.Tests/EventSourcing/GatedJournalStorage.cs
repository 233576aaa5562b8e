using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.EventSourcing;

/// <summary>
/// Holds appends at a gate, so a test can act while a write is in flight. Appends pass the gate in
/// the order they were made, as storage must apply them.
/// </summary>
internal sealed class GatedJournalStorage(IJournalStorage inner) : IJournalStorage
{
    private readonly Lock _order = new();
    private volatile TaskCompletionSource _gate = CreateOpen();
    private Task _previous = Task.CompletedTask;
    private int _failNext;

    public int AppendsStarted;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    /// <summary>The next append to pass the gate fails without writing, as a disk error would.</summary>
    public void FailNextAppend() => Interlocked.Exchange(ref _failNext, 1);

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadAsync(grainId, cancellationToken);

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref AppendsStarted);
        lock (_order)
        {
            return _previous = ForwardAsync(_previous, _gate.Task);
        }

        async Task ForwardAsync(Task previous, Task gate)
        {
            await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await gate.WaitAsync(cancellationToken);
            if (Interlocked.Exchange(ref _failNext, 0) == 1)
            {
                throw new IOException("The disk refused the write.");
            }

            await inner.AppendAsync(grainId, expectedVersion, events, snapshot, cancellationToken);
        }
    }

    private static TaskCompletionSource CreateOpen()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
