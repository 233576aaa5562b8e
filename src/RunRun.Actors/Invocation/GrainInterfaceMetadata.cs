namespace RunRun.Actors.Invocation;

/// <summary>What the source generator knows about one grain interface.</summary>
public sealed class GrainInterfaceMetadata
{
    public required Type InterfaceType { get; init; }

    /// <summary>Stable name used on the wire: namespace-qualified, nested types joined by '.' (not Type.FullName's '+').</summary>
    public required string InterfaceName { get; init; }

    public required Func<GrainCallRuntime, GrainId, GrainReference> CreateReference { get; init; }

    /// <summary>Factories of empty invokables by method name, for requests that arrive as bytes.</summary>
    public required IReadOnlyDictionary<string, Func<Invokable>> Methods { get; init; }

    /// <summary>Every argument and result type, checked against the serializer at start-up.</summary>
    public required IReadOnlyList<Type> SerializedTypes { get; init; }
}
