using System.Globalization;
using RunRun.Actors;
using RunRun.Actors.Reminders;

namespace RunRun.Benchmarks.Discard;

/// <summary>
/// A reminder table that keeps nothing (see <see cref="DiscardGrainStorage"/>): registrations get an
/// ETag and are forgotten, so no reminder ever fires.
/// </summary>
internal sealed class DiscardReminderTable : IReminderTable
{
    private long _lastEtag;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint rangeStart, uint rangeEnd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([]);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>([]);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken) =>
        Task.FromResult<ReminderEntry?>(null);

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref _lastEtag).ToString(CultureInfo.InvariantCulture));

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
