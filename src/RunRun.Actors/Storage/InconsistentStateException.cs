namespace RunRun.Actors.Storage;

/// <summary>
/// A write found the stored version newer than the one the activation read: another activation
/// or writer got there first. The runtime deactivates the activation so the next one reads afresh.
/// </summary>
public class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ETag found in storage.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer held.</summary>
    public string? CurrentEtag { get; }
}
