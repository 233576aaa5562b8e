namespace RunRun.Sales;

/// <summary>Why one field of an input was refused.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record FieldError(string Field, string Message);
