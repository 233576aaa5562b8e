namespace RunRun.Actors.AdoNet;

/// <summary>The rows of a query in progress on a <see cref="SqlStatement"/>; disposing it ends the query.</summary>
public readonly struct SqlRows(SqlStatement statement) : IDisposable
{
    public bool Read() => statement.Read();

    public bool IsNull(int column) => statement.IsNull(column);

    public long GetInt64(int column) => statement.GetInt64(column);

    public string GetString(int column) => statement.GetString(column);

    public byte[] GetBytes(int column) => statement.GetBytes(column);

    /// <summary>The column's bytes, or null when it is NULL.</summary>
    public byte[]? GetBytesOrNull(int column) => statement.IsNull(column) ? null : statement.GetBytes(column);

    public void Dispose() => statement.Reset();
}
