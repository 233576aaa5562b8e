namespace RunRun.Actors;

/// <summary>
/// The identity of a grain: its type and its key, both stable strings, so the same id names the
/// same grain in every process of the cluster.
/// </summary>
public readonly struct GrainId : IEquatable<GrainId>
{
    // Computed once: a grain id is looked up on every call, and hashing two strings each time shows.
    private readonly int _hash;

    public GrainId(GrainType type, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A grain key must not be empty.", nameof(key));
        }

        Type = type;
        Key = key;
        _hash = HashCode.Combine(StringComparer.Ordinal.GetHashCode(type.Value), StringComparer.Ordinal.GetHashCode(key));
    }

    public GrainType Type { get; }

    public string Key { get; }

    public static bool operator ==(GrainId left, GrainId right) => left.Equals(right);

    public static bool operator !=(GrainId left, GrainId right) => !left.Equals(right);

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

    public bool Equals(GrainId other) =>
        _hash == other._hash
        && string.Equals(Key, other.Key, StringComparison.Ordinal)
        && string.Equals(Type.Value, other.Type.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is GrainId other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"{Type.Value}/{Key}";
}
