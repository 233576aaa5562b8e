using System.Reflection;
using RunRun.Actors.Concurrency;
using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Invocation;

/// <summary>A grain class with the facts the runtime schedules it by, read once at registration.</summary>
public sealed class GrainClassInfo
{
    internal GrainClassInfo(GrainClassMetadata metadata)
    {
        Metadata = metadata;
        var type = metadata.GrainClass;
        GrainType = new GrainType(type.GetCustomAttribute<GrainTypeAttribute>()?.GrainType ?? DefaultGrainType(type.Name));
        IsReentrant = type.GetCustomAttribute<ReentrantAttribute>(inherit: true) is not null;
        var age = type.GetCustomAttribute<CollectionAgeLimitAttribute>();
        AlwaysActive = age?.AlwaysActive ?? false;
        CollectionAge = age is { Minutes: > 0 } ? TimeSpan.FromMinutes(age.Minutes) : null;
        JournalStorageName = type.GetCustomAttribute<LogConsistencyProviderAttribute>(inherit: true)?.ProviderName
            ?? LogConsistencyProviderAttribute.DefaultProviderName;
        IsJournaled = IsJournaledType(type);
    }

    public GrainClassMetadata Metadata { get; }

    public GrainType GrainType { get; }

    public bool IsReentrant { get; }

    public bool AlwaysActive { get; }

    public TimeSpan? CollectionAge { get; }

    public bool IsJournaled { get; }

    public string JournalStorageName { get; }

    internal static string DefaultGrainType(string className)
    {
        var name = className.EndsWith("Grain", StringComparison.Ordinal) && className.Length > 5
            ? className[..^5]
            : className;
        return name.ToLowerInvariant();
    }

    private static bool IsJournaledType(Type? type)
    {
        for (; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(JournaledGrain<,>))
            {
                return true;
            }
        }

        return false;
    }
}
