using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace RunRun.Actors.CodeGen.Tests;

/// <summary>One generator run: what it produced and the compilation with its output added.</summary>
internal sealed record GeneratorOutcome(GeneratorDriverRunResult RunResult, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public const string GeneratedFileName = "RunRun.Actors.Generated.g.cs";

    public string GeneratedSource =>
        RunResult.GeneratedTrees.Single(t => t.FilePath.EndsWith(GeneratedFileName, StringComparison.Ordinal)).ToString();

    /// <summary>Compiler diagnostics of the output; warnings count only inside the generated file, since consumers treat them as errors.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems()
    {
        var generatedTrees = RunResult.GeneratedTrees.ToHashSet();
        return [.. Output.GetDiagnostics().Where(d =>
            d.Severity == DiagnosticSeverity.Error
            || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)))];
    }
}
