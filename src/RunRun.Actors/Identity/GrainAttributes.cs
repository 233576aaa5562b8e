namespace RunRun.Actors;

/// <summary>Names a grain class's <see cref="GrainType"/>; without it the type is the class name, lower-cased, without a "Grain" suffix.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    public string GrainType { get; } = grainType;
}

/// <summary>Overrides the idle time after which activations of this class are collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    public double Minutes { get; init; }

    public bool AlwaysActive { get; init; }
}
