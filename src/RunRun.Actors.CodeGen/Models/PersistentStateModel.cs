namespace RunRun.Actors.CodeGen.Models;

/// <summary>The arguments of one [PersistentState] attribute, as constant values.</summary>
internal sealed record PersistentStateModel(string? StateName, string? StorageName);
