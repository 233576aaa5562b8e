using RunRun.Actors.Serialization;

namespace RunRun.Actors.Storage;

/// <summary>Stores values as UTF-8 JSON, readable with any SQL client.</summary>
public sealed class JsonGrainStorageSerializer(ActorSerializer serializer) : IGrainStorageSerializer
{
    public byte[] Serialize<T>(T value) => serializer.SerializeToBytes(value);

    public T Deserialize<T>(ReadOnlySpan<byte> data) => serializer.Deserialize<T>(data);
}
