namespace RunRun.Actors.Storage;

/// <summary>The state a storage provider reads into and writes from, with its ETag.</summary>
public interface IGrainState<T>
{
    T State { get; set; }

    /// <summary>Opaque version of the stored record; null when nothing was ever stored.</summary>
    string? ETag { get; set; }

    bool RecordExists { get; set; }
}

/// <summary>A plain <see cref="IGrainState{T}"/>.</summary>
public sealed class GrainState<T>(T state) : IGrainState<T>
{
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
