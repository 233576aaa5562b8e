namespace RunRun.Actors;

/// <summary>An exception thrown by a grain in another process whose type this process cannot rebuild.</summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException(string originalTypeName, string message, string? remoteStackTrace)
        : base($"{originalTypeName}: {message}")
    {
        OriginalTypeName = originalTypeName;
        RemoteStackTrace = remoteStackTrace;
    }

    public RemoteGrainException()
    {
        OriginalTypeName = string.Empty;
    }

    public RemoteGrainException(string message)
        : base(message)
    {
        OriginalTypeName = string.Empty;
    }

    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
        OriginalTypeName = string.Empty;
    }

    public string OriginalTypeName { get; }

    public string? RemoteStackTrace { get; }
}
