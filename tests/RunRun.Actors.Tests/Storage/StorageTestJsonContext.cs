using System.Text.Json.Serialization;

namespace RunRun.Actors.Tests.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StorageTestState))]
internal sealed partial class StorageTestJsonContext : JsonSerializerContext;
