using System.Text.Json;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Invocation;

/// <summary>
/// One call of one grain method with its arguments. The source generator writes a sealed subclass
/// per interface method; the runtime never uses reflection to call grains.
/// </summary>
public abstract class Invokable
{
    /// <summary>The name of the grain interface that declares the method (namespace-qualified, nested types joined by '.').</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The method's stable id within its declaring interface: its name, or for overloads "Name(T1,T2)".</summary>
    public abstract string MethodName { get; }

    public abstract InvokeMethodOptions Options { get; }

    /// <summary>Runs the method on the grain and captures its outcome.</summary>
    public abstract ValueTask<Response> InvokeAsync(object grain);

    /// <summary>Replaces every argument by a copy, for calls that stay in the process.</summary>
    public abstract void CopyArguments(ActorSerializer serializer);

    /// <summary>Writes the arguments as one JSON array.</summary>
    public abstract void WriteArguments(Utf8JsonWriter writer, ActorSerializer serializer);

    /// <summary>Reads the arguments from a JSON array positioned at its start.</summary>
    public abstract void ReadArguments(ref Utf8JsonReader reader, ActorSerializer serializer);

    /// <summary>Reads a successful result written by <see cref="Response.WriteResult"/>.</summary>
    public abstract Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer);

    public override string ToString() => $"{InterfaceName}.{MethodName}";
}
