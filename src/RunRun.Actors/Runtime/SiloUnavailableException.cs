namespace RunRun.Actors.Runtime;

/// <summary>The silo that held the call stopped or died before answering.</summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>What every caller of a silo that died is told.</summary>
    internal static SiloUnavailableException Died() => new("The silo died before answering.");

    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
