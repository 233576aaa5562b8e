namespace RunRun.Actors.AdoNet;

/// <summary>The database belongs to another process, and this process may not share it.</summary>
public sealed class DatabaseInUseException : IOException
{
    public DatabaseInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseInUseException()
    {
    }

    public DatabaseInUseException(string message)
        : base(message)
    {
    }
}
