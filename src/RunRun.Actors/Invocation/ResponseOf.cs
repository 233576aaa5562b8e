namespace RunRun.Actors.Invocation;

/// <summary>Turns a grain method's outcome into a <see cref="Response"/>, allocating nothing more when it finished synchronously.</summary>
internal static class ResponseOf
{
    public static ValueTask<Response> Task(Task pending) =>
        pending.IsCompletedSuccessfully ? new ValueTask<Response>(Response.Completed) : AwaitAsync(pending);

    public static ValueTask<Response> Task<T>(Task<T> pending) =>
        pending.IsCompletedSuccessfully ? new ValueTask<Response>(Response.FromResult(pending.Result)) : AwaitAsync(pending);

    public static ValueTask<Response> Failure(Exception exception) => new(Response.FromException(exception));

    private static async ValueTask<Response> AwaitAsync(Task pending)
    {
        try
        {
            await pending;
            return Response.Completed;
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }

    private static async ValueTask<Response> AwaitAsync<T>(Task<T> pending)
    {
        try
        {
            return Response.FromResult(await pending);
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }
}
