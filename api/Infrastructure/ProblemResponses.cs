using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunRun.Api.Infrastructure;

/// <summary>The problem codes an endpoint (or a route group's endpoints) may answer with.</summary>
internal sealed record ProblemCodesMetadata(IReadOnlyList<string> Codes);

/// <summary>
/// Declares an endpoint's problems by code: each code's status becomes a problem response, and the
/// OpenAPI document names the codes under it (in the description and as <c>x-problem-codes</c>),
/// with the members each adds, so a client sees which <c>code</c> values to branch on.
/// </summary>
internal static class ProblemResponses
{
    public const string Extension = "x-problem-codes";

    public static TBuilder ProducesProblems<TBuilder>(this TBuilder endpoint, params string[] codes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in codes.Select(ProblemCatalog.StatusOf).Distinct())
        {
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return endpoint.WithMetadata(new ProblemCodesMetadata(codes));
    }

    /// <summary>What any route that calls the cluster may answer: shed load, a cluster that did not answer, a fault.</summary>
    public static TBuilder ProducesServerProblems<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.ProducesProblems(ProblemCodes.Overloaded, ProblemCodes.Unavailable, ProblemCodes.InternalError);

    /// <summary>Writes every problem code an operation's endpoint and its groups declared under its status.</summary>
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var codes = context.Description.ActionDescriptor.EndpointMetadata.OfType<ProblemCodesMetadata>()
            .SelectMany(metadata => metadata.Codes).Distinct(StringComparer.Ordinal).Select(code => ProblemCatalog.Types[code]);
        foreach (var byStatus in codes.GroupBy(type => type.Status))
        {
            if (operation.Responses?.GetValueOrDefault(byStatus.Key.ToString(CultureInfo.InvariantCulture)) is not OpenApiResponse response)
            {
                continue;
            }

            response.Description = string.Join("\n", byStatus.Select(Line));
            response.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            response.Extensions[Extension] = new JsonNodeExtension(new JsonArray([.. byStatus.Select(type => JsonValue.Create(type.Code))]));
        }

        return Task.CompletedTask;
    }

    private static string Line(ProblemType type)
    {
        var fields = type.Fields.Length == 0 ? "" : $" Adds {string.Join(", ", type.Fields.Select(field => $"`{field}`"))}.";
        var retry = type.RetryAfter ? " Sends Retry-After." : "";
        return $"`{type.Code}`: {type.Meaning}{fields}{retry}";
    }
}
