namespace RunRun.Silo;

/// <summary>Where the silo keeps its data, bound from RunRun:Host.</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "RunRun:Host";

    /// <summary>The SQLite file for grain state, journals and reminders; its folder is created if missing.</summary>
    public string DataSource { get; set; } = Path.Combine("data", "runrun.db");
}
