using System.Text.Json.Serialization;

namespace RunRun.Actors.Tests.Storage;

[JsonSerializable(typeof(StorageTestState))]
internal sealed partial class StorageTestJsonContext : JsonSerializerContext;
