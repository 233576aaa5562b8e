namespace RunRun.Actors.Storage;

/// <summary>Stored bytes could not be read back as the expected type.</summary>
public sealed class CorruptStateException : Exception
{
    public CorruptStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CorruptStateException()
    {
    }

    public CorruptStateException(string message)
        : base(message)
    {
    }
}
