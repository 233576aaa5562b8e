using RunRun.Actors.EventSourcing;

namespace RunRun.Benchmarks;

public interface IPingGrain : RunRun.Actors.IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : RunRun.Actors.Grain, IPingGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value + 1);
}

public interface ITallyGrain : RunRun.Actors.IGrainWithStringKey
{
    Task<long> Add(int amount);
}

public sealed record Added(int Amount);

public sealed class TallyState
{
    public long Total { get; set; }
}

/// <summary>Not reentrant: batching comes from the runtime holding replies, not from interleaving.</summary>
public sealed class TallyGrain : JournaledGrain<TallyState, Added>, ITallyGrain
{
    public Task<long> Add(int amount)
    {
        RaiseEvent(new Added(amount));
        return Task.FromResult(State.Total);
    }

    protected override void TransitionState(TallyState state, Added change) => state.Total += change.Amount;
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Added))]
[System.Text.Json.Serialization.JsonSerializable(typeof(TallyState))]
internal sealed partial class BenchmarkJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
