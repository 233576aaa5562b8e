using RunRun.Actors.Scheduling;

namespace RunRun.Actors.Invocation;

/// <summary>
/// Completes the caller's task. A caller never resumes inside the turn of the grain that answered:
/// a response sent from a turn is delivered after the activation's work item, on the same thread.
/// </summary>
internal sealed class ResponseCompletionSource<T>(Invokable request) : TaskCompletionSource<T>, IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response) => ActivationTaskScheduler.Deliver(this, response);

    public void CompleteNow(Response response)
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
internal sealed class ResponseCompletionSource(Invokable request) : TaskCompletionSource, IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response) => ActivationTaskScheduler.Deliver(this, response);

    public void CompleteNow(Response response)
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
internal sealed class RawResponseCompletionSource(Invokable request) : TaskCompletionSource<Response>, IResponseCompletionSource
{
    public Invokable Request { get; } = request;

    public void Complete(Response response) => ActivationTaskScheduler.Deliver(this, response);

    public void CompleteNow(Response response) => TrySetResult(response);
}
