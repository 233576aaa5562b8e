using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RunRun.Actors.CodeGen.Analysis;
using RunRun.Actors.CodeGen.Emit;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen;

/// <summary>
/// Generates grain references, invokables and the metadata provider. Models and diagnostics flow
/// in separate branches, so an edit that only moves source text re-reports diagnostics without
/// regenerating code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var interfaceResults = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) => AnalyzeInterface(syntax, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.InterfaceResults);

        var classResults = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                static (syntax, cancellationToken) => AnalyzeClass(syntax, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.ClassResults);

        var interfaceModels = interfaceResults
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.InterfaceModels);

        var classModels = classResults
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(TrackingNames.ClassModels);

        var generation = interfaceModels.Collect()
            .Combine(classModels.Collect())
            .Select(static (models, _) => GenerationModel.Create(models.Left, models.Right))
            .WithTrackingName(TrackingNames.Generation);

        var diagnostics = interfaceResults.SelectMany(static (result, _) => result.Diagnostics)
            .Collect()
            .Combine(classResults.SelectMany(static (result, _) => result.Diagnostics).Collect())
            .Select(static (all, _) => all.Left.AddRange(all.Right).Distinct().ToEquatableArray())
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(generation, static (output, model) =>
        {
            if (!model.IsEmpty)
            {
                output.AddSource(SourceEmitter.FileName, SourceEmitter.Emit(model));
            }
        });

        context.RegisterSourceOutput(diagnostics, static (output, all) =>
        {
            foreach (var diagnostic in all)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    private static InterfaceResult? AnalyzeInterface(GeneratorSyntaxContext syntax, CancellationToken cancellationToken) =>
        syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) is INamedTypeSymbol symbol
        && GrainSymbols.IsGrainInterface(symbol)
            ? InterfaceAnalyzer.Analyze(symbol, cancellationToken)
            : null;

    private static ClassResult? AnalyzeClass(GeneratorSyntaxContext syntax, CancellationToken cancellationToken) =>
        syntax.SemanticModel.GetDeclaredSymbol(syntax.Node, cancellationToken) is INamedTypeSymbol symbol
            ? ClassAnalyzer.Analyze(symbol)
            : null;
}
