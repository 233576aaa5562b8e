namespace RunRun.Actors.Invocation;

/// <summary>
/// Completes the caller's task. Continuations run asynchronously so a caller never resumes on the
/// thread (and inside the turn) of the grain that answered.
/// </summary>
internal sealed class ResponseCompletionSource<T>(Invokable request)
    : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response)
    {
        if (response.Exception is { } exception)
        {
            TrySetException(exception);
        }
        else if (response is Response<T> typed)
        {
            TrySetResult(typed.Value);
        }
        else
        {
            TrySetException(new InvalidOperationException($"{Request} answered with {response.GetType().Name}, not a {typeof(T).Name}."));
        }
    }
}

/// <summary>Completes the caller's task for methods without a result.</summary>
internal sealed class ResponseCompletionSource(Invokable request)
    : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response)
    {
        if (response.Exception is { } exception)
        {
            TrySetException(exception);
        }
        else
        {
            TrySetResult();
        }
    }
}

/// <summary>Captures the raw response, for outgoing call filters that look at it before the caller does.</summary>
internal sealed class RawResponseCompletionSource(Invokable request)
    : TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously), IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response) => TrySetResult(response);
}
