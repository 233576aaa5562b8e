namespace RunRun.Api.Infrastructure;

/// <summary>
/// Refuses a declared body over the limit before anything reads it. Kestrel enforces the same limit
/// on bodies without a length; this also holds under hosts that have no such limit (the test server).
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, long maxBytes)
{
    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > maxBytes
            ? ApiProblem.Create(ProblemCodes.PayloadTooLarge, "The request body is too large.",
                $"Bodies of at most {maxBytes} bytes are accepted.").ExecuteAsync(context)
            : next(context);
}
