using System.Buffers;
using System.Text.Json;
using RunRun.Actors.Invocation;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Messaging;

/// <summary>
/// The wire form of requests and responses between clients and silos: one UTF-8 JSON object per
/// message. The network transport frames these bytes; the in-process gateway passes them as they are.
/// </summary>
internal static class MessageCodec
{
    public static byte[] WriteRequest(long id, GrainId target, Invokable request, ActorSerializer serializer)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("target", target.ToString());
            writer.WriteString("interface", request.InterfaceName);
            writer.WriteString("method", request.MethodName);
            writer.WritePropertyName("args");
            request.WriteArguments(writer, serializer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a request; the invokable comes from the generated factory of its interface and method.</summary>
    public static (long Id, GrainId Target, Invokable Request) ReadRequest(ReadOnlySpan<byte> bytes, ActorSerializer serializer)
    {
        var reader = new Utf8JsonReader(bytes);
        long id = 0;
        string? target = null;
        string? interfaceName = null;
        string? method = null;
        Invokable? request = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "id":
                    id = reader.GetInt64();
                    break;
                case "target":
                    target = reader.GetString();
                    break;
                case "interface":
                    interfaceName = reader.GetString();
                    break;
                case "method":
                    method = reader.GetString();
                    break;
                case "args":
                    request = CreateInvokable(interfaceName, method);
                    request.ReadArguments(ref reader, serializer);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (target is null || request is null)
        {
            throw new JsonException("A request needs 'target' and 'args'.");
        }

        return (id, GrainId.Parse(target), request);
    }

    public static byte[] WriteResponse(long id, Response response, ActorSerializer serializer)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            if (response.Exception is { } exception)
            {
                writer.WriteStartObject("error");
                writer.WriteString("type", exception.GetType().FullName);
                writer.WriteString("message", exception.Message);
                writer.WriteString("stack", exception.StackTrace);
                writer.WriteEndObject();
            }
            else
            {
                writer.WritePropertyName("result");
                try
                {
                    response.WriteResult(writer, serializer);
                }
                catch (Exception serializationError) when (serializationError is not OutOfMemoryException)
                {
                    return WriteResponse(id, Response.FromException(serializationError), serializer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static long ReadResponseId(ReadOnlySpan<byte> bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        Expect(ref reader, JsonTokenType.StartObject);
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("id"u8))
        {
            throw new JsonException("A response starts with its 'id'.");
        }

        reader.Read();
        return reader.GetInt64();
    }

    /// <summary>Reads a response whose result type is known from the request it answers.</summary>
    public static Response ReadResponse(ReadOnlySpan<byte> bytes, Invokable request, ActorSerializer serializer)
    {
        var reader = new Utf8JsonReader(bytes);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "result":
                    return request.ReadResult(ref reader, serializer);
                case "error":
                    return Response.FromException(ReadException(ref reader));
                default:
                    reader.Skip();
                    break;
            }
        }

        throw new JsonException("A response needs 'result' or 'error'.");
    }

    private static Exception ReadException(ref Utf8JsonReader reader)
    {
        string? type = null;
        string? message = null;
        string? stack = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "type":
                    type = reader.GetString();
                    break;
                case "message":
                    message = reader.GetString();
                    break;
                case "stack":
                    stack = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return RemoteExceptions.Create(type ?? "System.Exception", message ?? string.Empty, stack);
    }

    private static Invokable CreateInvokable(string? interfaceName, string? method)
    {
        if (interfaceName is null || method is null)
        {
            throw new JsonException("'interface' and 'method' must come before 'args'.");
        }

        if (!GrainTypeRegistry.Instance.TryGetInterface(interfaceName, out var metadata) || !metadata.Methods.TryGetValue(method, out var factory))
        {
            throw new UnknownGrainInterfaceException(interfaceName + "." + method);
        }

        return factory();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new JsonException($"Expected {token} in a message.");
        }
    }
}
