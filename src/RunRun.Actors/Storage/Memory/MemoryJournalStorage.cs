namespace RunRun.Actors.Storage.Memory;

/// <summary>
/// Journal storage in process memory, for tests and single-process runs. Events and snapshots are
/// copied in and out, so callers never share a buffer with the store. Reuse one instance across
/// silo restarts to keep journals.
/// </summary>
public sealed class MemoryJournalStorage : IJournalStorage
{
    private readonly Dictionary<GrainId, Journal> _journals = [];
    private readonly Lock _lock = new();

    public Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_journals.TryGetValue(grainId, out var journal))
            {
                return Task.FromResult(JournalReadResult.Empty);
            }

            var snapshot = journal.Snapshot is { } stored ? new JournalSnapshot(stored.Version, stored.State.ToArray()) : null;
            var events = journal.Events
                .Skip(checked((int)(snapshot?.Version ?? 0)))
                .Select(payload => payload.ToArray())
                .ToArray();
            return Task.FromResult(new JournalReadResult(snapshot, events));
        }
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        JournalAppendArguments.Validate(expectedVersion, events, snapshot);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var copies = events.Select(payload => payload.ToArray()).ToArray();
        var snapshotCopy = snapshot is null ? null : new JournalSnapshot(snapshot.Version, snapshot.State.ToArray());
        lock (_lock)
        {
            _journals.TryGetValue(grainId, out var journal);
            var version = journal?.Events.Count ?? 0;
            if (version != expectedVersion)
            {
                // A faulted task, as the SQLite journal gives: a conflict is an outcome of the write, not a misuse of the call.
                return Task.FromException(new JournalConflictException(grainId, expectedVersion, version));
            }

            if (journal is null)
            {
                journal = new Journal();
                _journals.Add(grainId, journal);
            }

            journal.Events.AddRange(copies);
            journal.Snapshot = snapshotCopy ?? journal.Snapshot;
        }

        return Task.CompletedTask;
    }

    /// <summary>Every event ever appended (sequence n at index n-1) and the latest snapshot.</summary>
    private sealed class Journal
    {
        public List<byte[]> Events { get; } = [];

        public JournalSnapshot? Snapshot { get; set; }
    }
}
