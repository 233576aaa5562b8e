namespace RunRun.Api.Infrastructure;

/// <summary>
/// Sheds load before the process drowns: past the configured number of requests in progress, a
/// request is answered 503 with Retry-After at once instead of queueing behind the others. Health
/// and metrics stay outside it, so an overloaded process can still be seen.
/// </summary>
internal sealed class ConcurrencyGuard(RequestDelegate next, int maxConcurrentRequests)
{
    private int _inProgress;

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsOperational(context.Request.Path))
        {
            await next(context);
            return;
        }

        if (Interlocked.Increment(ref _inProgress) > maxConcurrentRequests)
        {
            Interlocked.Decrement(ref _inProgress);
            await ApiProblem.Create(ProblemCodes.Overloaded, "Too busy right now.",
                "The server is shedding load; try again shortly.", TimeSpan.FromSeconds(1)).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal)
        || path.StartsWithSegments("/readyz", StringComparison.Ordinal)
        || path.StartsWithSegments("/metrics", StringComparison.Ordinal);
}
