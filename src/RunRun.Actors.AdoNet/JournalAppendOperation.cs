using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>Appends events (and maybe a snapshot) if the journal is still at the version the writer read.</summary>
internal sealed class JournalAppendOperation(
    GrainId grainId,
    long expectedVersion,
    IReadOnlyList<byte[]> events,
    JournalSnapshot? snapshot,
    CancellationToken cancellationToken) : WriteOperation<bool>(cancellationToken)
{
    private readonly string _grainId = grainId.ToString();

    public override string ToString() => $"append of {events.Count} events at version {expectedVersion} to the journal of {_grainId}";

    /// <summary>The primary key caught a second writer the version check missed: still a conflict, not a fault.</summary>
    public override Exception TranslateFailure(Exception exception, IStorageDialect dialect) =>
        IsDuplicateKey(exception, dialect)
            ? new JournalConflictException($"Journal of {_grainId} already has an event after version {expectedVersion}: another activation appended first.", exception)
            : exception;

    protected override void ExecuteCore(WriteSession session)
    {
        // The writer loop holds the write lock for the whole batch, so nothing can append between this check and the inserts.
        var version = session.Statement(session.Sql.ReadJournalVersion)
            .With(SqlParameterNames.GrainId, _grainId)
            .ExecuteInt64() ?? 0;
        if (version != expectedVersion)
        {
            throw new JournalConflictException(grainId, expectedVersion, version);
        }

        var insert = session.Statement(session.Sql.InsertJournalEvent);
        for (var i = 0; i < events.Count; i++)
        {
            insert.With(SqlParameterNames.GrainId, _grainId)
                .With(SqlParameterNames.Sequence, expectedVersion + i + 1)
                .With(SqlParameterNames.Payload, events[i])
                .ExecuteNonQuery();
        }

        if (snapshot is not null)
        {
            session.Statement(session.Sql.UpsertJournalSnapshot)
                .With(SqlParameterNames.GrainId, _grainId)
                .With(SqlParameterNames.Version, snapshot.Version)
                .With(SqlParameterNames.Payload, snapshot.State)
                .ExecuteNonQuery();
        }

        Result = true;
    }
}
