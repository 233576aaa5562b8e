using System.Text.Json;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Invocation;

/// <summary>Base for generated invokables of methods returning <see cref="Task"/>.</summary>
public abstract class Request : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            return ResponseOf.Task(InvokeInner(grain));
        }
        catch (Exception exception)
        {
            return ResponseOf.Failure(exception);
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) => Response.Completed;

    protected abstract Task InvokeInner(object grain);
}

/// <summary>Base for generated invokables of methods returning <see cref="Task{TResult}"/>.</summary>
public abstract class Request<TResult> : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            return ResponseOf.Task(InvokeInner(grain));
        }
        catch (Exception exception)
        {
            return ResponseOf.Failure(exception);
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) =>
        Response.FromResult(serializer.Read<TResult>(ref reader));

    protected abstract Task<TResult> InvokeInner(object grain);
}

/// <summary>Base for generated invokables of methods returning <see cref="ValueTask"/>.</summary>
public abstract class ValueTaskRequest : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            var pending = InvokeInner(grain);
            return pending.IsCompletedSuccessfully ? new ValueTask<Response>(Response.Completed) : ResponseOf.Task(pending.AsTask());
        }
        catch (Exception exception)
        {
            return ResponseOf.Failure(exception);
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) => Response.Completed;

    protected abstract ValueTask InvokeInner(object grain);
}

/// <summary>Base for generated invokables of methods returning <see cref="ValueTask{TResult}"/>.</summary>
public abstract class ValueTaskRequest<TResult> : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            var pending = InvokeInner(grain);
            return pending.IsCompletedSuccessfully
                ? new ValueTask<Response>(Response.FromResult(pending.Result))
                : ResponseOf.Task(pending.AsTask());
        }
        catch (Exception exception)
        {
            return ResponseOf.Failure(exception);
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) =>
        Response.FromResult(serializer.Read<TResult>(ref reader));

    protected abstract ValueTask<TResult> InvokeInner(object grain);
}
