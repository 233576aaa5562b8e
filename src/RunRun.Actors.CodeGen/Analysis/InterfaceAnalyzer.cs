using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using RunRun.Actors.CodeGen.Models;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>Turns a grain interface symbol into its model, or into the diagnostics that explain why it has none.</summary>
internal static class InterfaceAnalyzer
{
    public static InterfaceResult Analyze(INamedTypeSymbol grainInterface, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var ownLocation = LocationInfo.From(grainInterface);
        var isValid = InterfaceValidator.Validate(grainInterface, diagnostics, relocateTo: null);
        foreach (var inherited in GrainInterfacesOf(grainInterface))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Inherited interfaces of this assembly report their own errors; those of referenced
            // assemblies are not analysed there, so their errors point at this interface.
            var sink = IsSameAssembly(inherited, grainInterface) ? new List<DiagnosticInfo>() : diagnostics;
            isValid &= InterfaceValidator.Validate(inherited, sink, relocateTo: ownLocation);
        }

        if (!isValid)
        {
            return new InterfaceResult(null, diagnostics.ToEquatableArray());
        }

        var methodIds = new MethodIdCache();
        var methods = new List<GrainMethodModel>();
        foreach (var method in MethodSet(grainInterface))
        {
            cancellationToken.ThrowIfCancellationRequested();
            methods.Add(CreateMethod(grainInterface, method, methodIds.Get(method)));
        }

        var model = new GrainInterfaceModel(
            TypeNames.Wire(grainInterface),
            TypeNames.Code(grainInterface),
            methods.ToEquatableArray(),
            SerializedTypes(MethodSet(grainInterface)).ToEquatableArray());
        return new InterfaceResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>The methods a reference to <paramref name="grainInterface"/> implements: its own, then inherited ones.</summary>
    internal static IEnumerable<IMethodSymbol> MethodSet(INamedTypeSymbol grainInterface) =>
        new[] { grainInterface }.Concat(GrainInterfacesOf(grainInterface)).SelectMany(GrainMethodsOf);

    internal static IEnumerable<IMethodSymbol> GrainMethodsOf(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Where(GrainSymbols.IsGrainMethod);

    private static IEnumerable<INamedTypeSymbol> GrainInterfacesOf(INamedTypeSymbol type) =>
        type.AllInterfaces.Where(GrainSymbols.IsGrainInterface);

    private static bool IsSameAssembly(INamedTypeSymbol type, INamedTypeSymbol other) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, other.ContainingAssembly);

    private static GrainMethodModel CreateMethod(INamedTypeSymbol grainInterface, IMethodSymbol method, string methodId)
    {
        var returnType = (INamedTypeSymbol)method.ReturnType;
        var kind = ReturnTypes.Classify(returnType)!.Value;
        var resultType = kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT ? TypeNames.Code(returnType.TypeArguments[0]) : null;
        var parameters = method.Parameters
            .Select(p => new ParameterModel(p.Name, TypeNames.Code(p.Type), p.IsParams))
            .ToEquatableArray();
        return new GrainMethodModel(
            TypeNames.Wire(method.ContainingType),
            TypeNames.Code(method.ContainingType),
            SymbolEqualityComparer.Default.Equals(method.ContainingType, grainInterface),
            method.Name,
            methodId,
            kind,
            TypeNames.Code(returnType),
            resultType,
            MethodOptionsOf(method),
            parameters);
    }

    private static IEnumerable<string> SerializedTypes(IEnumerable<IMethodSymbol> methods)
    {
        var seen = new HashSet<string>();
        foreach (var method in methods)
        {
            var types = method.Parameters.Select(p => p.Type);
            if (method.ReturnType is INamedTypeSymbol { Arity: 1 } returnType)
            {
                types = types.Concat(returnType.TypeArguments);
            }

            foreach (var type in types)
            {
                var name = TypeNames.TypeOf(type);
                if (seen.Add(name))
                {
                    yield return name;
                }
            }
        }
    }

    private static MethodOptions MethodOptionsOf(IMethodSymbol method)
    {
        var options = MethodOptions.None;
        foreach (var attribute in method.GetAttributes())
        {
            if (GrainSymbols.IsConcurrencyAttribute(attribute.AttributeClass, "OneWayAttribute"))
            {
                options |= MethodOptions.OneWay;
            }
            else if (GrainSymbols.IsConcurrencyAttribute(attribute.AttributeClass, "ReadOnlyAttribute"))
            {
                options |= MethodOptions.ReadOnly;
            }
            else if (GrainSymbols.IsConcurrencyAttribute(attribute.AttributeClass, "AlwaysInterleaveAttribute"))
            {
                options |= MethodOptions.AlwaysInterleave;
            }
        }

        return options;
    }
}
