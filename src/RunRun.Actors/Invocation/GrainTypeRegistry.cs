using System.Collections.Concurrent;
using System.Reflection;

namespace RunRun.Actors.Invocation;

/// <summary>
/// The process-wide catalogue of generated grain metadata. Assemblies are read once, when first
/// needed; lookups on the call path are dictionary reads.
/// </summary>
public sealed class GrainTypeRegistry
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> _interfacesByType = new();
    private readonly ConcurrentDictionary<string, GrainInterfaceMetadata> _interfacesByName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, GrainClassInfo> _classesByType = new();
    private readonly ConcurrentDictionary<Assembly, bool> _loadedAssemblies = new();
    private readonly Lock _populateLock = new();

    private GrainTypeRegistry()
    {
    }

    public static GrainTypeRegistry Instance { get; } = new();

    public IEnumerable<GrainClassInfo> Classes => _classesByType.Values;

    public IEnumerable<GrainInterfaceMetadata> Interfaces => _interfacesByType.Values;

    public void RegisterInterface(GrainInterfaceMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _interfacesByType[metadata.InterfaceType] = metadata;
        _interfacesByName[metadata.InterfaceName] = metadata;
    }

    public void RegisterClass(GrainClassMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _classesByType[metadata.GrainClass] = new GrainClassInfo(metadata);
    }

    /// <summary>Reads the generated metadata of <paramref name="assembly"/> and of every assembly it references.</summary>
    public void AddAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var pending = new Stack<Assembly>();
        pending.Push(assembly);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (_loadedAssemblies.ContainsKey(next) || IsFrameworkAssembly(next.GetName()))
            {
                continue;
            }

            // Marked as read only after it has been read, so a concurrent lookup never finds it
            // "read" while its interfaces are still missing.
            lock (_populateLock)
            {
                if (!_loadedAssemblies.ContainsKey(next))
                {
                    Populate(next);
                    _loadedAssemblies[next] = true;
                }
            }

            foreach (var reference in next.GetReferencedAssemblies())
            {
                if (IsFrameworkAssembly(reference))
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // A reference that is not deployed cannot hold grains this process can run.
                }
            }
        }
    }

    /// <summary>Reads every assembly loaded so far (and their references).</summary>
    public void AddLoadedAssemblies()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            AddAssembly(assembly);
        }
    }

    public GrainInterfaceMetadata GetInterface(Type interfaceType)
    {
        if (_interfacesByType.TryGetValue(interfaceType, out var metadata))
        {
            return metadata;
        }

        AddAssembly(interfaceType.Assembly);
        return _interfacesByType.TryGetValue(interfaceType, out metadata)
            ? metadata
            : throw new UnknownGrainInterfaceException(interfaceType.FullName ?? interfaceType.Name);
    }

    public bool TryGetInterface(string interfaceName, out GrainInterfaceMetadata metadata) =>
        _interfacesByName.TryGetValue(interfaceName, out metadata!);

    public bool TryGetClass(Type grainClass, out GrainClassInfo info) => _classesByType.TryGetValue(grainClass, out info!);

    private static bool IsFrameworkAssembly(AssemblyName name) =>
        name.Name is null
        || name.Name.StartsWith("System", StringComparison.Ordinal)
        || name.Name.StartsWith("Microsoft", StringComparison.Ordinal)
        || name.Name.StartsWith("xunit", StringComparison.Ordinal)
        || name.Name is "netstandard" or "mscorlib";

    private void Populate(Assembly assembly)
    {
        foreach (var attribute in assembly.GetCustomAttributes<GeneratedGrainMetadataAttribute>())
        {
            var provider = (IGeneratedGrainMetadata)Activator.CreateInstance(attribute.ProviderType)!;
            provider.Populate(this);
        }
    }
}
