namespace RunRun.Actors.Storage;

/// <summary>An append collided on (grain, sequence): another activation appended first.</summary>
public sealed class JournalConflictException : InconsistentStateException
{
    public JournalConflictException(GrainId grainId, long expectedVersion, long actualVersion)
        : base($"Journal of {grainId} is at version {actualVersion}, not {expectedVersion}: another activation appended first.",
            actualVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            expectedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
    {
        GrainId = grainId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public JournalConflictException()
    {
    }

    public JournalConflictException(string message)
        : base(message)
    {
    }

    public JournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainId GrainId { get; }

    public long ExpectedVersion { get; }

    public long ActualVersion { get; }
}
