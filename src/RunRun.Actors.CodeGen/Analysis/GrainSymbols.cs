using System.Linq;
using Microsoft.CodeAnalysis;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>
/// Recognises the runtime's types by name rather than by symbol identity, because the runtime
/// assembly may be the compilation itself or a reference, and the generator must not load it.
/// </summary>
internal static class GrainSymbols
{
    private const string ActorsNamespace = "RunRun.Actors";
    private const string RuntimeNamespace = "RunRun.Actors.Runtime";
    private const string ConcurrencyNamespace = "RunRun.Actors.Concurrency";

    public static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && !IsMarker(type) && type.AllInterfaces.Any(i => Is(i, ActorsNamespace, "IGrain"));

    public static bool IsMarker(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && type.Name is "IGrain" or "IGrainWithStringKey" or "IGrainWithGuidKey" or "IGrainWithIntegerKey" or "IAddressable"
        && Is(type, ActorsNamespace, type.Name);

    /// <summary>Instance methods a reference must implement; static and private interface methods are not calls.</summary>
    public static bool IsGrainMethod(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && !method.IsStatic && (method.IsAbstract || method.IsVirtual);

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (Is(current, ActorsNamespace, "Grain"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPersistentStateAttribute(INamedTypeSymbol? type) =>
        type is not null && Is(type, RuntimeNamespace, "PersistentStateAttribute");

    public static bool IsPersistentState(ITypeSymbol type, out ITypeSymbol stateType)
    {
        if (type is INamedTypeSymbol { Arity: 1 } named && Is(named, RuntimeNamespace, "IPersistentState", arity: 1))
        {
            stateType = named.TypeArguments[0];
            return true;
        }

        stateType = type;
        return false;
    }

    public static bool IsGrainContext(ITypeSymbol type) =>
        type is INamedTypeSymbol named && Is(named, RuntimeNamespace, "IGrainContext");

    public static bool IsFromKeyedServicesAttribute(INamedTypeSymbol? type) =>
        type is not null && Is(type, "Microsoft.Extensions.DependencyInjection", "FromKeyedServicesAttribute");

    public static bool IsConcurrencyAttribute(INamedTypeSymbol? type, string name) =>
        type is not null && Is(type, ConcurrencyNamespace, name);

    public static bool IsTask(INamedTypeSymbol type, string name, int arity) =>
        Is(type, "System.Threading.Tasks", name, arity);

    /// <summary>
    /// True when code in another top-level internal class of the same assembly (and another file)
    /// can name the type, which is where the generated code lives.
    /// </summary>
    public static bool IsAccessibleFromAssembly(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal
                || current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for the type's own type parameters and for those of any containing type.</summary>
    public static bool IsGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Is(INamedTypeSymbol type, string containingNamespace, string name, int arity = 0) =>
        type.Name == name
        && type.Arity == arity
        && type.ContainingType is null
        && IsNamespace(type.ContainingNamespace, containingNamespace);

    private static bool IsNamespace(INamespaceSymbol? symbol, string fullName)
    {
        // Walks the dotted name from its end, so no display string is allocated per check.
        var end = fullName.Length;
        while (symbol is { IsGlobalNamespace: false })
        {
            var start = fullName.LastIndexOf('.', end - 1) + 1;
            var length = end - start;
            if (length != symbol.Name.Length || string.CompareOrdinal(fullName, start, symbol.Name, 0, length) != 0)
            {
                return false;
            }

            end = start - 1;
            symbol = symbol.ContainingNamespace;
            if (end < 0)
            {
                return symbol is null || symbol.IsGlobalNamespace;
            }
        }

        return false;
    }
}
