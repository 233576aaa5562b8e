using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using RunRun.Actors.Invocation;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Serialization;

/// <summary>
/// Lets grain references cross grain boundaries: written as grain id and interface, read back as a
/// reference bound to the reading process's runtime. A resolver rather than an entry in the options'
/// converter list, because any converter in that list turns off the source-generated fast path for
/// every type; a type with a grain reference property still falls back to the metadata path, which
/// asks this resolver.
/// </summary>
internal sealed class GrainReferenceTypeInfoResolver(Func<GrainFactoryBase> runtime) : IJsonTypeInfoResolver
{
    private static readonly MethodInfo CreateValueInfo = typeof(JsonMetadataServices).GetMethod(nameof(JsonMetadataServices.CreateValueInfo))!;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
    {
        if (!IsGrainReferenceType(type))
        {
            return null;
        }

        var converter = Activator.CreateInstance(typeof(GrainReferenceConverter<>).MakeGenericType(type), runtime);
        return (JsonTypeInfo)CreateValueInfo.MakeGenericMethod(type).Invoke(null, [options, converter])!;
    }

    internal static bool IsGrainReferenceType(Type type) =>
        typeof(IAddressable).IsAssignableFrom(type) && (type.IsInterface || typeof(GrainReference).IsAssignableFrom(type));
}

internal sealed class GrainReferenceConverter<T>(Func<GrainFactoryBase> runtime) : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        string? id = null;
        string? interfaceName = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "id":
                    id = reader.GetString();
                    break;
                case "interface":
                    interfaceName = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (id is null || interfaceName is null)
        {
            throw new JsonException("A grain reference needs both 'id' and 'interface'.");
        }

        if (!GrainTypeRegistry.Instance.TryGetInterface(interfaceName, out var metadata))
        {
            throw new JsonException($"Grain interface '{interfaceName}' is not known to this process.");
        }

        return (T)(object)metadata.CreateReference(runtime(), GrainId.Parse(id));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value is not GrainReference reference)
        {
            throw new JsonException($"Only grain references can be serialized as {typeof(T).Name}; pass this.AsReference<{typeof(T).Name}>() instead of the grain itself.");
        }

        writer.WriteStartObject();
        writer.WriteString("id", reference.GrainId.ToString());
        writer.WriteString("interface", reference.InterfaceName);
        writer.WriteEndObject();
    }
}
