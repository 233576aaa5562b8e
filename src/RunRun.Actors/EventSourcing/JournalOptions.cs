namespace RunRun.Actors.EventSourcing;

/// <summary>Journal settings, bound from RunRun:Silo:Journal.</summary>
public sealed class JournalOptions
{
    public const string SectionName = "RunRun:Silo:Journal";

    /// <summary>A snapshot is written with the batch that crosses each multiple of this many events.</summary>
    public int SnapshotInterval { get; set; } = 100;
}
