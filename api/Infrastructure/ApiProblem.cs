using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// An RFC 9457 problem with a stable <c>code</c>, and the Retry-After header for the codes that
/// tell the client when to come back.
/// </summary>
/// <remarks>
/// It writes itself rather than going through the problem details service: that path serializes
/// the extensions dictionary by reflection and looks up writers on every answer, which was a tenth
/// of a sold-out answer's cost. The JSON is the same the service writes (a test compares them),
/// including its traceId; the service's customization only adds a code, which these always have.
/// </remarks>
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

    /// <summary>A problem with <paramref name="code"/>, answered with the status <see cref="ProblemCatalog"/> gives that code.</summary>
    public static ApiProblem Create(string code, string title, string? detail = null, TimeSpan? retryAfter = null) =>
        new(ProblemCatalog.StatusOf(code), code, title, detail, retryAfter);

    public static ApiProblem Validation(IEnumerable<(string Field, string Message)> errors, string? detail = null)
    {
        var problem = Create(ProblemCodes.ValidationFailed, "The request is not valid.", detail ?? "See errors for what to change.");
        problem.Details.Extensions["errors"] = errors
            .GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(error => error.Message).ToArray(), StringComparer.Ordinal);
        return problem;
    }

    public static ApiProblem Validation(string field, string message) => Validation([(field, message)]);

    public static ApiProblem NotFound(string what) =>
        Create(ProblemCodes.NotFound, "Not found.", $"No {what} was found.");

    public static ApiProblem Forbidden(string detail) =>
        Create(ProblemCodes.Forbidden, "Forbidden.", detail);

    public ApiProblem With(string name, object? value)
    {
        Details.Extensions[name] = value;
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Details.Instance ??= httpContext.Request.Path;
        var response = httpContext.Response;
        if (RetryAfter is { } retryAfter)
        {
            // Whole seconds, rounded up: a client that waits exactly this long finds the door open.
            response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = json.Encoder }))
        {
            Write(writer, json, Activity.Current?.Id ?? httpContext.TraceIdentifier);
        }

        response.StatusCode = Details.Status ?? StatusCodes.Status500InternalServerError;
        response.ContentType = "application/problem+json";
        response.ContentLength = body.WrittenCount;
        await response.Body.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
    }

    /// <summary>The fields in the order the framework's ProblemDetails converter writes them, then the trace id it adds.</summary>
    private void Write(Utf8JsonWriter writer, JsonSerializerOptions json, string traceId)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, "type", Details.Type);
        WriteIfSet(writer, "title", Details.Title);
        if (Details.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }

        WriteIfSet(writer, "detail", Details.Detail);
        WriteIfSet(writer, "instance", Details.Instance);
        foreach (var (name, value) in Details.Extensions)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), json);
        }

        if (!Details.Extensions.ContainsKey("traceId"))
        {
            writer.WriteString("traceId", traceId);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
