namespace RunRun.Silo.Samples;

/// <summary>A sample grain that remembers how often it has greeted.</summary>
public interface IGreeterGrain : RunRun.Actors.IGrainWithStringKey
{
    Task<Greeting> Greet(string visitor);
}

public sealed record Greeting(string Text, int Count);

public sealed class GreeterState
{
    public int Count { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Greeting))]
[System.Text.Json.Serialization.JsonSerializable(typeof(GreeterState))]
internal sealed partial class SampleJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
