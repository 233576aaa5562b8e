using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace RunRun.Actors.Serialization;

/// <summary>
/// Serializes and copies grain call arguments, results, state and events with System.Text.Json
/// source-generated metadata. Local calls copy through the same serializer the network uses, so a
/// type that works in one process works across the cluster.
/// </summary>
public sealed class ActorSerializer
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly ConcurrentDictionary<Type, JsonTypeInfo> _typeInfos = new();

    /// <remarks>
    /// Serializing takes the generator's fast path only when a context's generated options match these:
    /// declare contexts with <c>PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase</c>. Another
    /// policy still writes the same JSON, through the slower metadata path.
    /// </remarks>
    public ActorSerializer(IEnumerable<IJsonTypeInfoResolver> resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        Options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, RuntimeJsonContext.Default]),
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Big integers and money amounts must survive a round trip exactly.
            NumberHandling = JsonNumberHandling.Strict,
        };
        Options.MakeReadOnly();
    }

    public JsonSerializerOptions Options { get; }

    /// <summary>True when metadata for <paramref name="type"/> is registered.</summary>
    public bool CanSerialize(Type type) => TryGetTypeInfo(type, out _);

    public JsonTypeInfo<T> GetTypeInfo<T>() => (JsonTypeInfo<T>)GetTypeInfo(typeof(T));

    /// <summary>Returns a copy of <paramref name="value"/> that shares no mutable object with it.</summary>
    public T Copy<T>(T value)
    {
        if (value is null || ImmutableTypes<T>.IsImmutable)
        {
            return value;
        }

        var buffer = RentBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(writer, value, GetTypeInfo<T>());
            }

            return JsonSerializer.Deserialize(buffer.WrittenSpan, GetTypeInfo<T>())!;
        }
        finally
        {
            buffer.ResetWrittenCount();
        }
    }

    public byte[] SerializeToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>())!;

    public void Write<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, GetTypeInfo<T>());

    public T Read<T>(ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, GetTypeInfo<T>())!;

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        if (buffer.WrittenCount != 0)
        {
            // Re-entered on this thread (a converter copying inside a copy): use a private buffer.
            return new ArrayBufferWriter<byte>(256);
        }

        return buffer;
    }

    private JsonTypeInfo GetTypeInfo(Type type) =>
        TryGetTypeInfo(type, out var info)
            ? info
            : throw new TypeNotSerializableException(type);

    private bool TryGetTypeInfo(Type type, out JsonTypeInfo info)
    {
        if (_typeInfos.TryGetValue(type, out info!))
        {
            return true;
        }

        if (!Options.TryGetTypeInfo(type, out var found))
        {
            return false;
        }

        info = _typeInfos.GetOrAdd(type, found);
        return true;
    }
}
