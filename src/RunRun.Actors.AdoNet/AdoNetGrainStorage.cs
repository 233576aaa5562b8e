using System.Text.Json;
using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Grain storage in a relational database. Reads use pooled reader connections; writes and clears
/// are group-committed by the database's writer loop. ETags are the row's version number, and a
/// clear leaves a tombstone so that a writer holding an ETag from before the clear still conflicts.
/// </summary>
public sealed class AdoNetGrainStorage : IGrainStorage
{
    private readonly AdoNetDatabase _database;
    private readonly IGrainStorageSerializer _serializer;

    public AdoNetGrainStorage(AdoNetDatabase database, IGrainStorageSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(serializer);
        _database = database;
        _serializer = serializer;
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_database.MayHaveState(stateName, grainId))
        {
            // Never written, which is what the query would have found: a new grain's first read costs no query.
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        long? etag = null;
        byte[]? payload = null;
        using (var lease = await _database.RentReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var rows = lease.Statement(_database.Sql.ReadGrainState)
                .With(SqlParameterNames.StateName, stateName)
                .With(SqlParameterNames.GrainId, grainId.ToString())
                .Query();
            if (rows.Read())
            {
                etag = rows.GetInt64(0);
                payload = rows.GetBytesOrNull(1);
            }
        }

        if (payload is not null)
        {
            grainState.State = Deserialize<T>(stateName, grainId, payload);
        }

        // A cleared state reads as absent but keeps its ETag, which the next write must name.
        grainState.ETag = etag?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        var payload = _serializer.Serialize(grainState.State);
        _database.NoteStateWrite(stateName, grainId);
        var operation = new GrainStateWriteOperation(stateName, grainId, grainState.ETag, payload, cancellationToken);
        grainState.ETag = await _database.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        _database.NoteStateWrite(stateName, grainId);
        var operation = new GrainStateWriteOperation(stateName, grainId, grainState.ETag, payload: null, cancellationToken);
        grainState.ETag = await _database.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        grainState.RecordExists = false;
    }

    private T Deserialize<T>(string stateName, GrainId grainId, byte[] payload)
    {
        try
        {
            return _serializer.Deserialize<T>(payload);
        }
        catch (JsonException exception)
        {
            throw new CorruptStateException($"State '{stateName}' of grain {grainId} could not be read: {exception.Message}", exception);
        }
    }
}
