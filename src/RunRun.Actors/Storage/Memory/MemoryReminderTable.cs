using System.Globalization;
using RunRun.Actors.Reminders;

namespace RunRun.Actors.Storage.Memory;

/// <summary>
/// Reminder table in process memory, for tests and single-process runs. Reuse one instance across
/// silo restarts to keep reminders.
/// </summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId GrainId, string ReminderName), ReminderEntry> _rows = [];
    private readonly Lock _lock = new();

    // One counter for the whole table, so a row that is removed and added again never reuses an ETag.
    private long _lastEtag;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint rangeStart, uint rangeEnd, CancellationToken cancellationToken) =>
        Select(entry => InRange(entry.GrainHash, rangeStart, rangeEnd), cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        Select(entry => entry.GrainId == grainId, cancellationToken);

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var etag = (++_lastEtag).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var key = (grainId, reminderName);
            var removed = _rows.TryGetValue(key, out var row)
                && string.Equals(row.ETag, eTag, StringComparison.Ordinal)
                && _rows.Remove(key);
            return Task.FromResult(removed);
        }
    }

    /// <summary>The ring range (rangeStart, rangeEnd]; rangeStart ≥ rangeEnd wraps past zero, so rangeStart == rangeEnd is the whole ring.</summary>
    private static bool InRange(uint hash, uint rangeStart, uint rangeEnd) =>
        rangeStart < rangeEnd ? hash > rangeStart && hash <= rangeEnd : hash > rangeStart || hash <= rangeEnd;

    private Task<IReadOnlyList<ReminderEntry>> Select(Func<ReminderEntry, bool> predicate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(predicate)];
            return Task.FromResult(rows);
        }
    }
}
