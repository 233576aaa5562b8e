namespace RunRun.Actors.Serialization;

/// <summary>A type crossed a grain boundary without System.Text.Json metadata registered for it.</summary>
public sealed class TypeNotSerializableException : InvalidOperationException
{
    public TypeNotSerializableException(Type type)
        : base($"Type '{type.FullName}' cannot cross a grain boundary: add [JsonSerializable(typeof({type.Name}))] to a JsonSerializerContext and register it with AddSerializerContext.")
    {
        Type = type;
    }

    public TypeNotSerializableException()
    {
        Type = typeof(object);
    }

    public TypeNotSerializableException(string message)
        : base(message)
    {
        Type = typeof(object);
    }

    public TypeNotSerializableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Type = typeof(object);
    }

    public Type Type { get; }
}
