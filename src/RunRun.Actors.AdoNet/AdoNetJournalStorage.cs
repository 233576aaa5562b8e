using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Journal storage in a relational database: one row per event keyed by (grain, sequence) and one
/// snapshot row per grain. Appends are group-committed by the database's writer loop.
/// </summary>
public sealed class AdoNetJournalStorage : IJournalStorage
{
    private readonly AdoNetDatabase _database;

    public AdoNetJournalStorage(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public async Task<JournalReadResult> ReadAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var id = grainId.ToString();
        using var lease = await _database.RentReaderAsync(cancellationToken).ConfigureAwait(false);

        // Snapshot first, then events after it: events are never removed, so an append landing
        // between the two queries only adds events, and the result stays contiguous.
        cancellationToken.ThrowIfCancellationRequested();
        JournalSnapshot? snapshot = null;
        using (var rows = lease.Statement(_database.Sql.ReadJournalSnapshot).With(SqlParameterNames.GrainId, id).Query())
        {
            if (rows.Read())
            {
                snapshot = new JournalSnapshot(rows.GetInt64(0), rows.GetBytes(1));
            }
        }

        var events = new List<byte[]>();
        using (var rows = lease.Statement(_database.Sql.ReadJournalEvents)
            .With(SqlParameterNames.GrainId, id)
            .With(SqlParameterNames.After, snapshot?.Version ?? 0)
            .Query())
        {
            while (rows.Read())
            {
                events.Add(rows.GetBytes(0));
            }
        }

        return snapshot is null && events.Count == 0 ? JournalReadResult.Empty : new JournalReadResult(snapshot, events);
    }

    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot, CancellationToken cancellationToken)
    {
        JournalAppendArguments.Validate(expectedVersion, events, snapshot);

        return _database.WriteAsync(new JournalAppendOperation(grainId, expectedVersion, events, snapshot, cancellationToken), cancellationToken);
    }
}
