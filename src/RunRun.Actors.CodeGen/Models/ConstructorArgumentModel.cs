namespace RunRun.Actors.CodeGen.Models;

/// <summary>One grain constructor parameter and how the factory resolves it.</summary>
/// <param name="TypeName">
/// For services, the global-qualified service type without a top-level nullable annotation
/// (the DI resolvers require notnull); for persistent state, the state type as declared.
/// </param>
/// <param name="IsValueType">Optional value-type services cannot use "??", so they are emitted differently.</param>
/// <param name="Key">C# expression of the service key, for keyed services.</param>
/// <param name="DefaultValue">C# expression of the parameter's default value, for optional services.</param>
/// <param name="State">The attribute's values, for persistent state.</param>
internal sealed record ConstructorArgumentModel(
    ConstructorArgumentKind Kind,
    string TypeName,
    bool IsValueType = false,
    string? Key = null,
    string? DefaultValue = null,
    PersistentStateModel? State = null);
