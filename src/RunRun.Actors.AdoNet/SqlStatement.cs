namespace RunRun.Actors.AdoNet;

/// <summary>
/// One prepared statement of one connection, kept for reuse: values are bound by parameter name,
/// resolved once when the statement is prepared, and results are read by column number. Not
/// thread-safe: a connection is used by one caller at a time.
/// </summary>
/// <remarks>
/// The storage providers speak this rather than <see cref="System.Data.Common.DbCommand"/> because
/// the ADO.NET path allocated a reader, a binder per parameter and an enumerator on every
/// execution, and looked each parameter up by name in the engine every time; on the write path
/// that cost is paid on the single writer loop, which every grain write waits for.
/// </remarks>
public abstract class SqlStatement : IDisposable
{
    public abstract SqlStatement With(string name, string? value);

    public abstract SqlStatement With(string name, long value);

    public abstract SqlStatement With(string name, byte[]? value);

    /// <summary>Runs the statement to its end; returns the rows it inserted, updated or deleted.</summary>
    public abstract int ExecuteNonQuery();

    /// <summary>The first column of the first row as a long, or null when there is no row or it is NULL.</summary>
    public abstract long? ExecuteInt64();

    /// <summary>Starts the query; dispose the rows to make the statement ready for its next use.</summary>
    public abstract SqlRows Query();

    public abstract void Dispose();

    /// <summary>Moves to the next row of the query in progress; false at its end.</summary>
    protected internal abstract bool Read();

    protected internal abstract bool IsNull(int column);

    protected internal abstract long GetInt64(int column);

    protected internal abstract string GetString(int column);

    protected internal abstract byte[] GetBytes(int column);

    /// <summary>Ends the query in progress, so the statement can run again.</summary>
    protected internal abstract void Reset();
}
