using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// Turns what escapes an endpoint into a problem: unreadable input becomes validation_failed (never
/// a 500), a silo that does not answer in time becomes 503, anything else a logged 500.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiProblem.Create(ProblemCodes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblem.Validation(
                "Content-Type", "The body must be JSON (Content-Type: application/json)."),
            BadHttpRequestException bad => FromUnreadableBody(bad),
            JsonException json => FromJson(json),
            TimeoutException => ApiProblem.Create(ProblemCodes.Unavailable, "The service did not answer in time.", retryAfter: TimeSpan.FromSeconds(1)),
            _ => null,
        };
        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = ApiProblem.Create(ProblemCodes.InternalError, "Something went wrong on our side.");
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static ApiProblem FromUnreadableBody(BadHttpRequestException exception) =>
        exception.InnerException is JsonException json
            ? FromJson(json)
            : ApiProblem.Validation("request", exception.Message);

    // The path ("$.lines[0].quantity") says which field; the message is the reader's, without internals.
    private static ApiProblem FromJson(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
        return ApiProblem.Validation(field, exception.Path is null
            ? "The body is not valid JSON."
            : "The value is malformed, of the wrong type, out of range or not one of the allowed values.");
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
