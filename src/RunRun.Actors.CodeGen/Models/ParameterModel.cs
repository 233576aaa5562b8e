namespace RunRun.Actors.CodeGen.Models;

/// <param name="Name">The parameter name as declared, without '@'.</param>
/// <param name="TypeName">The global-qualified type, nullable annotations included.</param>
/// <param name="IsParams">Kept on the reference's implementation so it matches the interface.</param>
internal sealed record ParameterModel(string Name, string TypeName, bool IsParams);
