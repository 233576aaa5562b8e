namespace RunRun.Actors.Reminders;

/// <summary>One durable reminder row.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period)
{
    /// <summary>The row version; null for a row not read from the table.</summary>
    public string? ETag { get; init; }

    /// <summary>The grain's <see cref="StableHash"/>, by which silos split the table between them.</summary>
    public uint GrainHash => StableHash.Compute(GrainId);
}
