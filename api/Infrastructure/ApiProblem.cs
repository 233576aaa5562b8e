using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// An RFC 9457 problem with a stable <c>code</c>, and the Retry-After header for the codes that
/// tell the client when to come back.
/// </summary>
public sealed class ApiProblem : IResult, IStatusCodeHttpResult
{
    private ApiProblem(int status, string code, string title, string? detail, TimeSpan? retryAfter)
    {
        Details = new ProblemDetails
        {
            Type = $"urn:runrun:problem:{code}",
            Title = title,
            Status = status,
            Detail = detail,
        };
        Details.Extensions["code"] = code;
        RetryAfter = retryAfter;
    }

    public ProblemDetails Details { get; }

    public TimeSpan? RetryAfter { get; }

    public string Code => (string)Details.Extensions["code"]!;

    int? IStatusCodeHttpResult.StatusCode => Details.Status;

    public static ApiProblem Create(int status, string code, string title, string? detail = null, TimeSpan? retryAfter = null) =>
        new(status, code, title, detail, retryAfter);

    public static ApiProblem Validation(IEnumerable<(string Field, string Message)> errors, string? detail = null)
    {
        var problem = Create(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "The request is not valid.", detail ?? "See errors for what to change.");
        problem.Details.Extensions["errors"] = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal);
        return problem;
    }

    public static ApiProblem Validation(string field, string message) => Validation([(field, message)]);

    public static ApiProblem NotFound(string what) =>
        Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found.", $"No {what} was found.");

    public static ApiProblem Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Forbidden.", detail);

    public ApiProblem With(string name, object? value)
    {
        Details.Extensions[name] = value;
        return this;
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Details.Instance ??= httpContext.Request.Path;
        if (RetryAfter is { } retryAfter)
        {
            // Whole seconds, rounded up: a client that waits exactly this long finds the door open.
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(Details).ExecuteAsync(httpContext);
    }
}
