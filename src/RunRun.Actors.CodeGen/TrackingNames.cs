namespace RunRun.Actors.CodeGen;

/// <summary>Names of the pipeline steps, so tests can check that they are cached between runs.</summary>
public static class TrackingNames
{
    public const string InterfaceResults = nameof(InterfaceResults);
    public const string InterfaceModels = nameof(InterfaceModels);
    public const string ClassResults = nameof(ClassResults);
    public const string ClassModels = nameof(ClassModels);
    public const string Generation = nameof(Generation);
    public const string Diagnostics = nameof(Diagnostics);
}
