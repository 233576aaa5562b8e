using System.Text.Json.Serialization;

namespace RunRun.Actors.Tests.Grains;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProbeReport))]
[JsonSerializable(typeof(Bag))]
[JsonSerializable(typeof(CounterEnvelope))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(AccountEvent))]
[JsonSerializable(typeof(AccountState))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(LifecycleSnapshot))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(LogbookEntry))]
[JsonSerializable(typeof(LogbookState))]
[JsonSerializable(typeof(NotebookCheck))]
[JsonSerializable(typeof(NoteEvent))]
[JsonSerializable(typeof(NotebookState))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
