namespace RunRun.Actors.Tests.Grains;

public sealed record ProbeReport(int MaxInside, int Overlaps, int ThreadsSeen, IReadOnlyList<int> Order, int Calls)
{
    /// <summary>Times two threads ran grain code of one activation at once.</summary>
    public int Parallel { get; init; }

    /// <summary>Read-only requests that started while a writing request was inside.</summary>
    public int ReadsDuringWrite { get; init; }

    /// <summary>Segments of grain code that ran outside the activation's scheduler.</summary>
    public int OffScheduler { get; init; }
}

/// <summary>Deliberately mutable, to prove the runtime copies it.</summary>
public sealed class Bag
{
    public List<string> Items { get; set; } = [];

    public Dictionary<string, int> Counts { get; set; } = [];
}

public sealed class Profile
{
    public string Name { get; set; } = string.Empty;

    public int Visits { get; set; }

    public string? LoadedBeforeActivate { get; set; }
}

[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Deposited), "deposited")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(Withdrawn), "withdrawn")]
public abstract record AccountEvent;

public sealed record Deposited(long Amount) : AccountEvent;

public sealed record Withdrawn(long Amount) : AccountEvent;

/// <summary>Deliberately missing from the polymorphism attributes: it cannot be serialized as an AccountEvent.</summary>
public sealed record Unlisted(long Amount) : AccountEvent;

public sealed class AccountState
{
    public long Balance { get; set; }

    public int Operations { get; set; }
}

public sealed record LifecycleSnapshot(IReadOnlyList<string> Events, int Activations, int Deactivations);

/// <summary>A grain reference inside a message, which the source-generated fast path cannot write.</summary>
public sealed record CounterEnvelope(ICounterGrain Counter, string Note);
