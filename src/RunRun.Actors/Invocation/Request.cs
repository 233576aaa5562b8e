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
            var task = InvokeInner(grain);
            return task.IsCompletedSuccessfully ? new ValueTask<Response>(Response.Completed) : AwaitAsync(task);
        }
        catch (Exception exception)
        {
            return new ValueTask<Response>(Response.FromException(exception));
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) => Response.Completed;

    protected abstract Task InvokeInner(object grain);

    private static async ValueTask<Response> AwaitAsync(Task task)
    {
        try
        {
            await task;
            return Response.Completed;
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }
}

/// <summary>Base for generated invokables of methods returning <see cref="Task{TResult}"/>.</summary>
public abstract class Request<TResult> : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            var task = InvokeInner(grain);
            return task.IsCompletedSuccessfully
                ? new ValueTask<Response>(Response.FromResult(task.Result))
                : AwaitAsync(task);
        }
        catch (Exception exception)
        {
            return new ValueTask<Response>(Response.FromException(exception));
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) =>
        Response.FromResult(serializer.Read<TResult>(ref reader));

    protected abstract Task<TResult> InvokeInner(object grain);

    private static async ValueTask<Response> AwaitAsync(Task<TResult> task)
    {
        try
        {
            return Response.FromResult(await task);
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }
}

/// <summary>Base for generated invokables of methods returning <see cref="ValueTask"/>.</summary>
public abstract class ValueTaskRequest : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            var task = InvokeInner(grain);
            return task.IsCompletedSuccessfully ? new ValueTask<Response>(Response.Completed) : AwaitAsync(task);
        }
        catch (Exception exception)
        {
            return new ValueTask<Response>(Response.FromException(exception));
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) => Response.Completed;

    protected abstract ValueTask InvokeInner(object grain);

    private static async ValueTask<Response> AwaitAsync(ValueTask task)
    {
        try
        {
            await task;
            return Response.Completed;
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }
}

/// <summary>Base for generated invokables of methods returning <see cref="ValueTask{TResult}"/>.</summary>
public abstract class ValueTaskRequest<TResult> : Invokable
{
    public sealed override ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            var task = InvokeInner(grain);
            return task.IsCompletedSuccessfully
                ? new ValueTask<Response>(Response.FromResult(task.Result))
                : AwaitAsync(task);
        }
        catch (Exception exception)
        {
            return new ValueTask<Response>(Response.FromException(exception));
        }
    }

    public sealed override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) =>
        Response.FromResult(serializer.Read<TResult>(ref reader));

    protected abstract ValueTask<TResult> InvokeInner(object grain);

    private static async ValueTask<Response> AwaitAsync(ValueTask<TResult> task)
    {
        try
        {
            return Response.FromResult(await task);
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }
}
