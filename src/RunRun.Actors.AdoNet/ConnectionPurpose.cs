namespace RunRun.Actors.AdoNet;

/// <summary>What a connection opened by an <see cref="IStorageDialect"/> is for.</summary>
public enum ConnectionPurpose
{
    /// <summary>The one connection the writer loop commits every batch on.</summary>
    Writer,

    /// <summary>A pooled connection that only reads.</summary>
    Reader,
}
