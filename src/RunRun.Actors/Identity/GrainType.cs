namespace RunRun.Actors;

/// <summary>The stable name of a grain class, e.g. "stock". Part of every <see cref="GrainId"/>.</summary>
public readonly record struct GrainType
{
    public GrainType(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (value.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Grain type '{value}' must not contain '/'.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
