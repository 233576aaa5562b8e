using Microsoft.OpenApi;
using RunRun.Sales;

namespace RunRun.Api.Infrastructure;

/// <summary>The Idempotency-Key header: exactly one, 1 to 200 printable ASCII characters.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// Lists the header as a parameter in the OpenAPI document: the handler reads it from the request
    /// itself, so the generator cannot see it. <paramref name="onRetry"/> says what a retry gets.
    /// </summary>
    public static TBuilder WithIdempotencyKeyHeader<TBuilder>(this TBuilder endpoint, string onRetry, bool required = true)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Header,
                In = ParameterLocation.Header,
                Required = required,
                Description = $"Chosen by the client: {RequestKeys.MinLength} to {RequestKeys.MaxLength} printable ASCII characters without spaces or commas. {onRetry}",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = RequestKeys.MinLength, MaxLength = RequestKeys.MaxLength },
            });
            return Task.CompletedTask;
        });

    public static bool TryRead(HttpRequest request, out string key, out ApiProblem? problem)
    {
        key = string.Empty;
        if (request.Headers[Header].Count == 0)
        {
            problem = ApiProblem.Validation(Header, "An Idempotency-Key header is required.");
            return false;
        }

        var read = TryReadOptional(request, out var optional, out problem);
        key = optional ?? string.Empty;
        return read;
    }

    /// <summary>The header where it may be left out: none gives a null key; one that is there must be valid.</summary>
    public static bool TryReadOptional(HttpRequest request, out string? key, out ApiProblem? problem)
    {
        key = null;
        var values = request.Headers[Header];
        problem = values.Count > 1 ? ApiProblem.Validation(Header, "Send the Idempotency-Key header once.") : null;
        if (problem is not null || values.Count == 0)
        {
            return problem is null;
        }

        var value = values[0] ?? string.Empty;
        if (value.Length is < RequestKeys.MinLength or > RequestKeys.MaxLength || value.Contains(',', StringComparison.Ordinal) || !value.All(c => c is >= '!' and <= '~'))
        {
            problem = ApiProblem.Validation(Header, $"The Idempotency-Key must be {RequestKeys.MinLength} to {RequestKeys.MaxLength} printable ASCII characters without spaces or commas.");
            return false;
        }

        key = value;
        return true;
    }
}
