using System.Text.Json;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Invocation;

/// <summary>The outcome of one grain call: a result or an exception.</summary>
public abstract class Response
{
    public static Response Completed { get; } = new CompletedResponse();

    public abstract Exception? Exception { get; }

    /// <summary>The result value, boxed; for filters and diagnostics, not the call path.</summary>
    public virtual object? Result => null;

    public static Response FromException(Exception exception) => new ExceptionResponse(exception);

    public static Response<T> FromResult<T>(T value) => new(value);

    /// <summary>Copies the result so that the caller never shares a mutable object with the grain.</summary>
    internal abstract Response DeepCopy(ActorSerializer serializer);

    /// <summary>Writes the result value (not the exception) as JSON.</summary>
    internal abstract void WriteResult(Utf8JsonWriter writer, ActorSerializer serializer);

    private sealed class CompletedResponse : Response
    {
        public override Exception? Exception => null;

        internal override Response DeepCopy(ActorSerializer serializer) => this;

        internal override void WriteResult(Utf8JsonWriter writer, ActorSerializer serializer) => writer.WriteNullValue();
    }

    private sealed class ExceptionResponse(Exception exception) : Response
    {
        public override Exception? Exception => exception;

        // Exceptions cross local calls by reference: they are not grain state and are not mutated after being thrown.
        internal override Response DeepCopy(ActorSerializer serializer) => this;

        internal override void WriteResult(Utf8JsonWriter writer, ActorSerializer serializer) => writer.WriteNullValue();
    }
}

/// <summary>A successful response carrying a typed value, so results are never boxed.</summary>
public sealed class Response<T>(T value) : Response
{
    public T Value { get; } = value;

    public override object? Result => Value;

    public override Exception? Exception => null;

    internal override Response DeepCopy(ActorSerializer serializer) =>
        Value is null || ImmutableTypes<T>.IsImmutable ? this : new Response<T>(serializer.Copy(Value));

    internal override void WriteResult(Utf8JsonWriter writer, ActorSerializer serializer) => serializer.Write(writer, Value);
}
