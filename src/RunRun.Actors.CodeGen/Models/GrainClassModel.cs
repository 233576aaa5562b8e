namespace RunRun.Actors.CodeGen.Models;

/// <summary>A valid grain class declared in this compilation.</summary>
/// <param name="TypeName">Global-qualified class name.</param>
/// <param name="InterfaceTypeNames">typeof-able names of every grain interface the class implements.</param>
/// <param name="Arguments">The chosen constructor's parameters, in order.</param>
/// <param name="PersistentStates">The [PersistentState] parameters, in constructor order.</param>
internal sealed record GrainClassModel(
    string TypeName,
    EquatableArray<string> InterfaceTypeNames,
    EquatableArray<ConstructorArgumentModel> Arguments,
    EquatableArray<PersistentStateModel> PersistentStates);
