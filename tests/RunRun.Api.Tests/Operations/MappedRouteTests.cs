using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Operations;

/// <summary>
/// The routes the app really maps, read from its endpoint data source rather than from the README,
/// so a route added in code but not to the contract (or the reverse) cannot slip past.
/// </summary>
public sealed class MappedRouteTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    // The OpenAPI document's own route describes the others; it is not one of them.
    private const string OpenApiRoute = "GET /openapi/{documentName}.json";

    [Fact]
    public async Task OpenApi_EveryMappedRoute_ListedWithItsResponsesAndProblemCodes()
    {
        var mapped = MappedRoutes();
        using var response = await api.Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        var paths = (await ApiHost.ExpectAsync(response, HttpStatusCode.OK))["paths"]!.AsObject();

        foreach (var route in mapped)
        {
            var (method, path) = Split(route);
            var operation = paths[path]?[method.ToLowerInvariant()]?.AsObject();
            operation.ShouldNotBeNull($"{route} is mapped but not in the OpenAPI document");
            var responses = operation["responses"]!.AsObject();
            responses.Select(r => r.Key).ShouldContain(status => status.StartsWith('2'), $"{route} lists no success");
            var problems = responses.Where(r => r.Value?["content"]?["application/problem+json"] is not null).ToList();
            if (path is not ("/healthz" or "/metrics"))
            {
                problems.ShouldNotBeEmpty($"{route} lists no problem response");
            }

            foreach (var (status, problem) in problems)
            {
                problem![ProblemResponses.Extension]?.AsArray().ShouldNotBeEmpty($"{route} {status} names no problem code");
            }
        }

        var documented = paths.SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"));
        documented.ShouldBe(mapped, ignoreOrder: true, customMessage: "the document describes only routes the app maps");
    }

    [Fact]
    public void Readme_ContractTable_ListsExactlyTheMappedRoutes()
    {
        var listed = ContractRoutes.Read().Select(route => $"{route.Method} {route.Path}").Order(StringComparer.Ordinal);

        listed.ShouldBe(MappedRoutes());
    }

    /// <summary>"METHOD /path" of every endpoint the app maps, in the path form OpenAPI and the README use.</summary>
    private List<string> MappedRoutes()
    {
        var routes = new List<string>();
        foreach (var endpoint in api.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            methods.ShouldNotBeNull($"{endpoint.DisplayName} answers any method");
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            routes.AddRange(methods.Select(method => $"{method} {path}"));
        }

        routes.ShouldContain(OpenApiRoute);
        routes.Remove(OpenApiRoute);
        routes.Count.ShouldBeGreaterThan(10);
        return [.. routes.Order(StringComparer.Ordinal)];
    }

    private static (string Method, string Path) Split(string route) =>
        (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
}
