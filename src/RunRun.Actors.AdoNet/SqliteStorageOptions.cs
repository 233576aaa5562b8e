namespace RunRun.Actors.AdoNet;

/// <summary>Where and how the SQLite storage providers keep their data. Bound from <see cref="SectionName"/>.</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "RunRun:Storage:Sqlite";

    /// <summary>Path of the database file; its directory is created at start-up. Set this or <see cref="ConnectionString"/>.</summary>
    public string? DataSource { get; set; }

    /// <summary>A full Microsoft.Data.Sqlite connection string, for settings <see cref="DataSource"/> cannot express.</summary>
    public string? ConnectionString { get; set; }

    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>The most writes committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 1024;

    /// <summary>How long a statement waits for a lock held by another connection or process.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
