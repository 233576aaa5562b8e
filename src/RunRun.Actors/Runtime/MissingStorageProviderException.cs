namespace RunRun.Actors.Runtime;

/// <summary>A grain asked for a storage provider name that the silo does not have.</summary>
public sealed class MissingStorageProviderException : InvalidOperationException
{
    public MissingStorageProviderException(string message)
        : base(message)
    {
    }

    public MissingStorageProviderException()
    {
    }

    public MissingStorageProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
