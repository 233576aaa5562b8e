namespace RunRun.Api.Infrastructure;

/// <summary>
/// Answers 429 with Retry-After when a request to an endpoint marked <see cref="AccountRateLimited"/>
/// finds its account's bucket empty. It runs after authentication, so the account is known, and
/// before the body is read, so a refused request costs no parsing.
/// </summary>
internal sealed class AccountRateLimiting(RequestDelegate next, AccountRateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AccountRateLimited>() is null
            || limiter.TryAcquire(CurrentActor.Of(context.User).UserId) is not { } retryAfter)
        {
            return next(context);
        }

        return ApiProblem.Create(ProblemCodes.RateLimited, "Too many requests.",
            "Slow down: this account is over its request rate.", retryAfter).ExecuteAsync(context);
    }
}
