namespace RunRun.Actors.Storage;

/// <summary>Turns state and events into the bytes storage providers keep.</summary>
public interface IGrainStorageSerializer
{
    byte[] Serialize<T>(T value);

    /// <summary>Reads bytes written by <see cref="Serialize{T}"/>; throws <see cref="System.Text.Json.JsonException"/> on bad data.</summary>
    T Deserialize<T>(ReadOnlySpan<byte> data);
}
