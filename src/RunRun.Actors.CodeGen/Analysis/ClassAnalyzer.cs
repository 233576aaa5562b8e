using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>Turns a grain class symbol into its model, or into the diagnostics that explain why it has none.</summary>
internal static class ClassAnalyzer
{
    /// <returns>Null when the class is not a grain class at all.</returns>
    public static ClassResult? Analyze(INamedTypeSymbol grainClass)
    {
        if (grainClass.TypeKind != TypeKind.Class || grainClass.IsAbstract || !GrainSymbols.DerivesFromGrain(grainClass))
        {
            return null;
        }

        var interfaces = grainClass.AllInterfaces.Where(GrainSymbols.IsGrainInterface).ToList();
        if (interfaces.Count == 0)
        {
            return null;
        }

        var diagnostics = new List<DiagnosticInfo>();
        var name = TypeNames.Wire(grainClass);
        var location = LocationInfo.From(grainClass);
        if (GrainSymbols.IsGeneric(grainClass))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericGrainClass, location, name));
        }

        if (!GrainSymbols.IsAccessibleFromAssembly(grainClass))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleGrainClass, location, name));
        }

        var constructor = ChooseConstructor(grainClass);
        if (constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoPublicConstructor, location, name));
        }

        var arguments = new List<ConstructorArgumentModel>();
        foreach (var parameter in constructor?.Parameters ?? [])
        {
            if (ConstructorArguments.Resolve(parameter) is { } argument)
            {
                arguments.Add(argument);
            }
            else
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.PersistentStateWrongType,
                    LocationInfo.From(parameter) ?? location,
                    parameter.Name,
                    name,
                    TypeNames.Wire(parameter.Type)));
            }
        }

        if (diagnostics.Count > 0)
        {
            return new ClassResult(null, diagnostics.ToEquatableArray());
        }

        var model = new GrainClassModel(
            TypeNames.Code(grainClass),
            interfaces.Select(TypeNames.TypeOf).ToEquatableArray(),
            arguments.ToEquatableArray(),
            arguments.Where(a => a.State is not null).Select(a => a.State!).ToEquatableArray());
        return new ClassResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>The single public constructor, else the public one with the most parameters (the first of equals).</summary>
    private static IMethodSymbol? ChooseConstructor(INamedTypeSymbol grainClass)
    {
        IMethodSymbol? chosen = null;
        foreach (var constructor in grainClass.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility == Accessibility.Public
                && (chosen is null || constructor.Parameters.Length > chosen.Parameters.Length))
            {
                chosen = constructor;
            }
        }

        return chosen;
    }
}
