namespace RunRun.Actors;

/// <summary>
/// The identity of a grain: its type and its key, both stable strings, so the same id names the
/// same grain in every process of the cluster.
/// </summary>
public readonly record struct GrainId
{
    public GrainId(GrainType type, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A grain key must not be empty.", nameof(key));
        }

        Type = type;
        Key = key;
    }

    public GrainType Type { get; }

    public string Key { get; }

    public static GrainId Create(string type, string key) => new(new GrainType(type), key);

    /// <summary>Parses the "type/key" form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        }

        return Create(value[..slash], value[(slash + 1)..]);
    }

    public override string ToString() => $"{Type.Value}/{Key}";
}
