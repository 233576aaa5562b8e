namespace RunRun.Actors.Concurrency;

/// <summary>Requests to this grain class may interleave at await points (still never in parallel).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other request.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method does not change state, so it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>The caller does not wait for this method: its Task completes once the message is sent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

/// <summary>
/// Values of this type are never mutated, so the runtime passes them without copying, and applies
/// journal events of this type to the confirmed state as raised rather than as read back from
/// their bytes: their JSON must therefore carry everything they hold.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;

/// <summary>Wraps a value the caller promises not to mutate, so it crosses local calls without a copy.</summary>
[Immutable]
public readonly record struct Immutable<T>(T Value);
