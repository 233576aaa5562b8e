using System.Collections.Concurrent;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>Maps grain types and grain interfaces to the grain classes that implement them.</summary>
internal sealed class GrainClassCatalog(GrainTypeRegistry registry)
{
    private readonly ConcurrentDictionary<GrainType, GrainClassInfo> _byGrainType = new();
    private readonly ConcurrentDictionary<Type, GrainType> _byInterface = new();

    public GrainTypeRegistry Registry => registry;

    public bool TryGetClass(GrainType grainType, out GrainClassInfo classInfo)
    {
        if (_byGrainType.TryGetValue(grainType, out classInfo!))
        {
            return true;
        }

        Refresh();
        return _byGrainType.TryGetValue(grainType, out classInfo!);
    }

    /// <summary>The grain type of the one class implementing <paramref name="interfaceType"/>.</summary>
    public GrainType GetGrainType(Type interfaceType)
    {
        if (_byInterface.TryGetValue(interfaceType, out var grainType))
        {
            return grainType;
        }

        registry.GetInterface(interfaceType);
        var candidates = FindImplementations(interfaceType);
        if (candidates.Count == 0)
        {
            registry.AddLoadedAssemblies();
            candidates = FindImplementations(interfaceType);
        }

        return candidates.Count switch
        {
            0 => throw new UnknownGrainInterfaceException($"No grain class implementing '{interfaceType.FullName}' is known to this process.", new KeyNotFoundException(interfaceType.FullName)),
            1 => _byInterface.GetOrAdd(interfaceType, candidates[0].GrainType),
            _ => throw new UnknownGrainInterfaceException(
                $"Grain interface '{interfaceType.FullName}' is implemented by several grain classes ({string.Join(", ", candidates.Select(c => c.Metadata.GrainClass.Name))}); give each its own interface.",
                new InvalidOperationException("ambiguous grain interface")),
        };
    }

    public void Refresh()
    {
        foreach (var classInfo in registry.Classes)
        {
            if (!_byGrainType.TryAdd(classInfo.GrainType, classInfo) && _byGrainType[classInfo.GrainType].Metadata.GrainClass != classInfo.Metadata.GrainClass)
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byGrainType[classInfo.GrainType].Metadata.GrainClass.FullName} and {classInfo.Metadata.GrainClass.FullName} share the grain type '{classInfo.GrainType}'; give one a [GrainType] of its own.");
            }
        }
    }

    private List<GrainClassInfo> FindImplementations(Type interfaceType) =>
        registry.Classes.Where(c => c.Metadata.Interfaces.Contains(interfaceType)).ToList();
}
