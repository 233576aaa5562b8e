using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RunRun.Actors.CodeGen.Analysis;

/// <summary>
/// Computes a method's stable id. Overloads are detected within the method set of the interface
/// that declares the method, not the one being generated, so a method has the same id in every
/// derived interface and the receiving silo finds it under its declaring interface.
/// </summary>
internal sealed class MethodIdCache
{
    private readonly Dictionary<INamedTypeSymbol, Dictionary<string, int>> _nameCounts = new(SymbolEqualityComparer.Default);

    public string Get(IMethodSymbol method)
    {
        var declaring = method.ContainingType;
        if (!_nameCounts.TryGetValue(declaring, out var counts))
        {
            counts = InterfaceAnalyzer.MethodSet(declaring)
                .GroupBy(m => m.Name)
                .ToDictionary(g => g.Key, g => g.Count());
            _nameCounts.Add(declaring, counts);
        }

        if (counts[method.Name] == 1)
        {
            return method.Name;
        }

        var parameterTypes = method.Parameters.Select(p => TypeNames.Wire(p.Type));
        return $"{method.Name}({string.Join(",", parameterTypes)})";
    }
}
