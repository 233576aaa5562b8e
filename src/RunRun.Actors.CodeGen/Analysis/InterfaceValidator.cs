using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>Checks the rules a grain interface must follow for its reference and invokables to compile.</summary>
internal static class InterfaceValidator
{
    /// <param name="relocateTo">Where to report problems instead of at the member, for interfaces without source here.</param>
    /// <returns>True when the interface has no errors.</returns>
    public static bool Validate(INamedTypeSymbol grainInterface, List<DiagnosticInfo> sink, LocationInfo? relocateTo)
    {
        var count = sink.Count;
        var name = TypeNames.Wire(grainInterface);
        LocationInfo? At(ISymbol symbol) => relocateTo ?? LocationInfo.From(symbol);

        if (GrainSymbols.IsGeneric(grainInterface))
        {
            sink.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericGrainInterface, At(grainInterface), name));
        }

        if (!GrainSymbols.IsAccessibleFromAssembly(grainInterface))
        {
            sink.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InaccessibleGrainInterface, At(grainInterface), name));
        }

        foreach (var baseInterface in grainInterface.Interfaces)
        {
            if (!GrainSymbols.IsGrainInterface(baseInterface) && !GrainSymbols.IsMarker(baseInterface) && HasInstanceMembers(baseInterface))
            {
                sink.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NonGrainBaseInterface, At(grainInterface), name, TypeNames.Wire(baseInterface)));
            }
        }

        foreach (var member in grainInterface.GetMembers())
        {
            switch (member)
            {
                // A reference is an instance, so it cannot implement static abstract members.
                case { IsStatic: true, IsAbstract: true }:
                    sink.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PropertyOrEvent, At(member), name, "static abstract member", member.Name));
                    break;
                case IPropertySymbol { IsStatic: false } property:
                    sink.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.PropertyOrEvent, At(member), name, property.IsIndexer ? "indexer" : "property", member.Name));
                    break;
                case IEventSymbol { IsStatic: false }:
                    sink.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PropertyOrEvent, At(member), name, "event", member.Name));
                    break;
                case IMethodSymbol method when GrainSymbols.IsGrainMethod(method):
                    ValidateMethod(method, $"{name}.{method.Name}", sink, At(method));
                    break;
            }
        }

        return sink.Count == count;
    }

    private static void ValidateMethod(IMethodSymbol method, string name, List<DiagnosticInfo> sink, LocationInfo? location)
    {
        if (method.IsGenericMethod)
        {
            sink.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericMethod, location, name));
        }

        var kind = ReturnTypes.Classify(method.ReturnType);
        if (kind is null)
        {
            sink.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType, location, name, TypeNames.Wire(method.ReturnType)));
        }
        else if (ReturnTypes.HasResult(kind.Value) && method.GetAttributes().Any(a => GrainSymbols.IsConcurrencyAttribute(a.AttributeClass, "OneWayAttribute")))
        {
            sink.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.OneWayWithResult, location, name, TypeNames.Wire(method.ReturnType)));
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                sink.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ByRefParameter, location, name, parameter.Name, RefKindName(parameter.RefKind)));
            }
            else if (parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                sink.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnsupportedParameterType, location, name, parameter.Name, TypeNames.Wire(parameter.Type)));
            }
        }
    }

    private static string RefKindName(RefKind refKind) => refKind switch
    {
        RefKind.Out => "out",
        RefKind.In => "in",
        RefKind.Ref => "ref",
        _ => "ref readonly",
    };

    private static bool HasInstanceMembers(INamedTypeSymbol type) =>
        new[] { type }.Concat(type.AllInterfaces).Any(i => i.GetMembers().Any(m => !m.IsStatic));
}
