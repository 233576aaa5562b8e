using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Shouldly;

namespace RunRun.Actors.CodeGen.Tests;

public sealed class IncrementalTests
{
    private static readonly string[] ModelSteps =
    [
        TrackingNames.InterfaceResults,
        TrackingNames.InterfaceModels,
        TrackingNames.ClassResults,
        TrackingNames.ClassModels,
        TrackingNames.Generation,
        TrackingNames.Diagnostics,
    ];

    [Fact]
    public void Generate_UnrelatedEditInAnotherFile_ReusesEveryStep()
    {
        const string Unrelated = "namespace Other; public sealed class Note { public string Text { get; set; } = \"\"; }";
        var compilation = GeneratorHarness.CreateCompilation(Snippets.Shop, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText(Unrelated + " public static class Extra { }", GeneratorHarness.ParseOptions, path: "Snippet1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.ShouldHaveSingleItem();

        foreach (var step in ModelSteps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            reasons.ShouldNotBeEmpty(step);
            reasons.ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, step);
        }

        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Generate_EditInsideGrainMethodBody_ReusesGeneratedSource()
    {
        var compilation = GeneratorHarness.CreateCompilation(Snippets.Shop);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(
                Snippets.Shop.Replace("Task.FromResult(max)", "Task.FromResult(max + 1)", StringComparison.Ordinal),
                GeneratorHarness.ParseOptions,
                path: "Snippet0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.ShouldHaveSingleItem();

        result.TrackedSteps[TrackingNames.Generation].SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Unchanged || o.Reason == IncrementalStepRunReason.Cached);
        result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs)
            .ShouldAllBe(o => o.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Generate_NewGrainMethod_RegeneratesSource()
    {
        var compilation = GeneratorHarness.CreateCompilation(Snippets.Calculator);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(
                Snippets.Calculator.Replace("Task Reset();", "Task Reset();\n    Task Clear();", StringComparison.Ordinal),
                GeneratorHarness.ParseOptions,
                path: "Snippet0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.ShouldHaveSingleItem();

        result.TrackedSteps[TrackingNames.Generation].SelectMany(s => s.Outputs)
            .ShouldContain(o => o.Reason == IncrementalStepRunReason.Modified);
        result.GeneratedSources.ShouldHaveSingleItem().SourceText.ToString().ShouldContain("Invokable_Calc_ICalculator_Clear_");
    }

    [Fact]
    public void Generate_TrackedModels_HoldNoSymbolsSyntaxOrCompilations()
    {
        var result = GeneratorHarness.CreateDriver()
            .RunGenerators(GeneratorHarness.CreateCompilation(Snippets.Shop))
            .GetRunResult().Results.ShouldHaveSingleItem();

        foreach (var step in ModelSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    /// <summary>Walks the object graph: a model that holds a symbol or tree keeps whole compilations alive and never compares equal.</summary>
    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        (value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel).ShouldBeFalse($"{path} holds a {value.GetType().Name}");
        if (value is DiagnosticDescriptor)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
