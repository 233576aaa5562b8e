using System.Globalization;
using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Writes (or, with a null payload, clears) one grain state if its stored etag is the one the writer
/// holds. A clear keeps the row as a tombstone with a bumped etag, so etags only ever grow.
/// </summary>
internal sealed class GrainStateWriteOperation(
    string stateName,
    GrainId grainId,
    string? expectedEtag,
    byte[]? payload,
    CancellationToken cancellationToken) : WriteOperation<string>(cancellationToken)
{
    private readonly string _grainId = grainId.ToString();

    public override string ToString() =>
        $"{(payload is null ? "clear" : "write")} of state '{stateName}' of grain {_grainId}";

    protected override void ExecuteCore(WriteSession session)
    {
        long newEtag;
        int written;
        if (expectedEtag is null)
        {
            newEtag = 1;
            written = session.Statement(session.Sql.InsertGrainState)
                .With(SqlParameterNames.StateName, stateName)
                .With(SqlParameterNames.GrainId, _grainId)
                .With(SqlParameterNames.GrainHash, (long)StableHash.Compute(_grainId))
                .With(SqlParameterNames.NewEtag, newEtag)
                .With(SqlParameterNames.Payload, payload)
                .ExecuteNonQuery();
        }
        else if (long.TryParse(expectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var etag))
        {
            newEtag = etag + 1;
            written = session.Statement(session.Sql.UpdateGrainState)
                .With(SqlParameterNames.StateName, stateName)
                .With(SqlParameterNames.GrainId, _grainId)
                .With(SqlParameterNames.Etag, etag)
                .With(SqlParameterNames.NewEtag, newEtag)
                .With(SqlParameterNames.Payload, payload)
                .ExecuteNonQuery();
        }
        else
        {
            // Not an etag this store ever handed out, so it cannot match.
            newEtag = 0;
            written = 0;
        }

        if (written == 0)
        {
            var stored = session.Statement(session.Sql.ReadGrainStateEtag)
                .With(SqlParameterNames.StateName, stateName)
                .With(SqlParameterNames.GrainId, _grainId)
                .ExecuteInt64()?
                .ToString(CultureInfo.InvariantCulture);
            throw new InconsistentStateException(
                $"State '{stateName}' of grain {_grainId} is at ETag {stored ?? "<none>"}, not {expectedEtag ?? "<none>"}.",
                stored,
                expectedEtag);
        }

        Result = newEtag.ToString(CultureInfo.InvariantCulture);
    }
}
