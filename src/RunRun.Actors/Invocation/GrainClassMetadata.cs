using RunRun.Actors.Runtime;

namespace RunRun.Actors.Invocation;

/// <summary>What the source generator knows about one grain class.</summary>
public sealed class GrainClassMetadata
{
    public required Type GrainClass { get; init; }

    public required IReadOnlyList<Type> Interfaces { get; init; }

    /// <summary>Creates the grain with its constructor dependencies; no reflection.</summary>
    public required Func<IServiceProvider, IGrainContext, object> Factory { get; init; }

    /// <summary>The [PersistentState] parameters of the constructor, checked against the storage providers at start-up.</summary>
    public required IReadOnlyList<PersistentStateAttribute> PersistentStates { get; init; }
}
