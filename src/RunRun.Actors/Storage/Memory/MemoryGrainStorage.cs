using System.Globalization;
using System.Text.Json;

namespace RunRun.Actors.Storage.Memory;

/// <summary>
/// Grain storage in process memory, for tests and single-process runs. It keeps serialized bytes,
/// never the caller's objects, so a grain mutating its state after a write cannot change what is
/// stored. Reuse one instance across silo restarts to keep state.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly IGrainStorageSerializer _serializer;
    private readonly Dictionary<(string StateName, GrainId GrainId), Row> _rows;
    private readonly Lock _lock;

    public MemoryGrainStorage(IGrainStorageSerializer serializer)
        : this(serializer, [], new Lock())
    {
    }

    private MemoryGrainStorage(IGrainStorageSerializer serializer, Dictionary<(string StateName, GrainId GrainId), Row> rows, Lock rowsLock)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        _serializer = serializer;
        _rows = rows;
        _lock = rowsLock;
    }

    /// <summary>
    /// The same stored rows seen through another serializer: each silo reads and writes with its own
    /// (which knows its grains' state types) while the rows outlive the silo.
    /// </summary>
    public MemoryGrainStorage WithSerializer(IGrainStorageSerializer serializer) => new(serializer, _rows, _lock);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        Row? row;
        lock (_lock)
        {
            _rows.TryGetValue((stateName, grainId), out row);
        }

        if (row is null)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        if (row.Payload is not null)
        {
            grainState.State = Deserialize<T>(stateName, grainId, row.Payload);
        }

        // A cleared record keeps its ETag so the next write must name it.
        grainState.ETag = FormatEtag(row.Version);
        grainState.RecordExists = row.Payload is not null;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        var payload = _serializer.Serialize(grainState.State);
        grainState.ETag = Store(stateName, grainId, grainState.ETag, payload);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        grainState.ETag = Store(stateName, grainId, grainState.ETag, payload: null);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string FormatEtag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private string Store(string stateName, GrainId grainId, string? expectedEtag, byte[]? payload)
    {
        lock (_lock)
        {
            var key = (stateName, grainId);
            _rows.TryGetValue(key, out var row);
            var storedEtag = row is null ? null : FormatEtag(row.Version);
            if (!string.Equals(storedEtag, expectedEtag, StringComparison.Ordinal))
            {
                throw new InconsistentStateException(
                    $"State '{stateName}' of grain {grainId} is at ETag {storedEtag ?? "<none>"}, not {expectedEtag ?? "<none>"}.",
                    storedEtag,
                    expectedEtag);
            }

            var version = (row?.Version ?? 0) + 1;
            _rows[key] = new Row(version, payload);
            return FormatEtag(version);
        }
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

    /// <summary>A stored version; a null payload is a tombstone left by a clear.</summary>
    private sealed record Row(long Version, byte[]? Payload);
}
