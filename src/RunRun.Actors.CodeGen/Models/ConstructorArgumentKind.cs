namespace RunRun.Actors.CodeGen.Models;

/// <summary>Where the grain factory gets a constructor argument from.</summary>
internal enum ConstructorArgumentKind
{
    RequiredService,
    OptionalService,
    KeyedService,
    GrainContext,
    PersistentState,
}
