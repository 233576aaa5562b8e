namespace RunRun.Actors.EventSourcing;

/// <summary>Journal settings, bound from RunRun:Silo:Journal.</summary>
public sealed class JournalOptions
{
    public const string SectionName = "RunRun:Silo:Journal";

    /// <summary>A snapshot is written with the batch that crosses each multiple of this many events.</summary>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// How many appends of one grain may be on their way to storage at once. 1 waits for each write
    /// to come back before the next starts; 2 lets the next group of events go out meanwhile, so a
    /// request waits for about one write rather than the rest of the one in flight and then its own.
    /// </summary>
    public int MaxWritesInFlight { get; set; } = 2;
}
