using System.Collections.Concurrent;
using System.Reflection;
using RunRun.Actors.Concurrency;

namespace RunRun.Actors.Serialization;

/// <summary>Decides once per type whether values of it can be shared instead of copied.</summary>
internal static class ImmutableTypes<T>
{
    public static readonly bool IsImmutable = ImmutableTypes.Compute(typeof(T));
}

/// <summary>The same decision for a type known only at run time, such as an event's concrete type.</summary>
internal static class ImmutableTypes
{
    private static readonly ConcurrentDictionary<Type, bool> Decided = new();

    public static bool IsImmutable(Type type) => Decided.GetOrAdd(type, Compute);

    internal static bool Compute(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive
            || underlying.IsEnum
            || underlying == typeof(string)
            || underlying == typeof(decimal)
            || underlying == typeof(Guid)
            || underlying == typeof(DateTime)
            || underlying == typeof(DateTimeOffset)
            || underlying == typeof(TimeSpan)
            || underlying == typeof(DateOnly)
            || underlying == typeof(TimeOnly)
            || underlying == typeof(Uri)
            || underlying == typeof(GrainId)
            || typeof(IAddressable).IsAssignableFrom(underlying)
            || underlying.GetCustomAttribute<ImmutableAttribute>(inherit: false) is not null;
    }
}
