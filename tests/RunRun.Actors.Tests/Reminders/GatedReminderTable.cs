using RunRun.Actors.Reminders;

namespace RunRun.Actors.Tests.Reminders;

/// <summary>
/// Holds ring reads (the silo's refresh) at a gate after reading the rows, so a test can change
/// reminders while a refresh carries rows that are no longer current.
/// </summary>
internal sealed class GatedReminderTable(IReminderTable inner) : IReminderTable
{
    private volatile TaskCompletionSource _gate = Open();

    public int RingReadsStarted;

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate.TrySetResult();

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint rangeStart, uint rangeEnd, CancellationToken cancellationToken)
    {
        var rows = await inner.ReadRowsAsync(rangeStart, rangeEnd, cancellationToken);
        var gate = _gate.Task;
        Interlocked.Increment(ref RingReadsStarted);
        await gate.WaitAsync(cancellationToken);
        return rows;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) => inner.ReadRowsAsync(grainId, cancellationToken);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) => inner.ReadRowAsync(grainId, reminderName, cancellationToken);

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken) => inner.UpsertRowAsync(entry, cancellationToken);

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) => inner.RemoveRowAsync(grainId, reminderName, eTag, cancellationToken);

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
