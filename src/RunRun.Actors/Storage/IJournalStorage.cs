namespace RunRun.Actors.Storage;

/// <summary>
/// Event journal storage: an append-only log per grain keyed by (grain, sequence), plus an
/// occasional snapshot. Events are opaque bytes; the runtime serializes them.
/// </summary>
public interface IJournalStorage
{
    /// <summary>Reads the latest snapshot and every event after it.</summary>
    Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="events"/> as sequences expectedVersion+1, +2, ... in one atomic write,
    /// together with <paramref name="snapshot"/> if given. Throws <see cref="JournalConflictException"/>
    /// (and writes nothing) when the journal's version is not <paramref name="expectedVersion"/>.
    /// Appends to one journal made one after another are applied in the order they were made, even
    /// when the next is made before the previous has completed: a journal keeps a few writes in
    /// flight, each expecting the version the previous one ends at, so one after a failed append fails too.
    /// </summary>
    Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken);
}

/// <summary>A serialized state as of <see cref="Version"/> (the sequence of the last event applied).</summary>
public sealed record JournalSnapshot(long Version, byte[] State);

/// <summary>What a journal holds: the latest snapshot (if any) and the events after it, in order.</summary>
public sealed record JournalReadResult(JournalSnapshot? Snapshot, IReadOnlyList<byte[]> Events)
{
    public static JournalReadResult Empty { get; } = new(null, []);

    /// <summary>The sequence of the last stored event.</summary>
    public long Version => (Snapshot?.Version ?? 0) + Events.Count;
}
