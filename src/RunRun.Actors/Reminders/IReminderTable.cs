namespace RunRun.Actors.Reminders;

/// <summary>Durable store of reminders, shared by every silo of the cluster.</summary>
public interface IReminderTable
{
    /// <summary>Every reminder whose grain hash lies in the ring range (rangeStart, rangeEnd]; when rangeStart ≥ rangeEnd the range wraps around (equal: the whole ring).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint rangeStart, uint rangeEnd, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the row and returns its new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the row if its ETag still matches; false if it did not (or it is gone).</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken);
}
