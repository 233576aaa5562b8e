namespace RunRun.Actors.AdoNet;

/// <summary>SQLite's <c>PRAGMA synchronous</c>: how hard a commit waits for the disk.</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is on disk before it is acknowledged, even across a power loss.</summary>
    Full,

    /// <summary>In WAL mode, safe across a process crash; a power loss may lose the last commits.</summary>
    Normal,

    /// <summary>No waiting for the disk; for throwaway data only.</summary>
    Off,
}
