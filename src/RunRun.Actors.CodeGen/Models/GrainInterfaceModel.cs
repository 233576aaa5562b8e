namespace RunRun.Actors.CodeGen.Models;

/// <summary>A valid grain interface declared in this compilation, with everything the emitter needs.</summary>
/// <param name="Name">Wire name: the full name without "global::", nested types joined with '.'.</param>
/// <param name="TypeName">Global-qualified type name.</param>
/// <param name="Methods">Own methods first, then inherited ones; the index makes invokable names unique.</param>
/// <param name="SerializedTypes">Distinct typeof-able argument and result types of all methods.</param>
internal sealed record GrainInterfaceModel(
    string Name,
    string TypeName,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<string> SerializedTypes);
