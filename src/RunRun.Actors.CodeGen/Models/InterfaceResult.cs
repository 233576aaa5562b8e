namespace RunRun.Actors.CodeGen.Models;

/// <summary>What analysing one grain interface yields; the model is null when it has errors.</summary>
internal sealed record InterfaceResult(GrainInterfaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
