namespace RunRun.Actors.CodeGen.Models;

/// <summary>What analysing one grain class yields; the model is null when it has errors.</summary>
internal sealed record ClassResult(GrainClassModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
