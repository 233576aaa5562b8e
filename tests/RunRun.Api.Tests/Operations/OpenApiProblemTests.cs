using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Operations;

/// <summary>The OpenAPI document names the problem codes of each response, with the statuses the API answers them with.</summary>
public sealed class OpenApiProblemTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] AllCodes = [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!)];

    [Fact]
    public void Catalogue_EveryProblemCode_HasItsStatus()
    {
        AllCodes.Length.ShouldBeGreaterThan(20);
        AllCodes.Where(code => !ProblemCatalog.Types.ContainsKey(code)).ShouldBeEmpty();
    }

    [Fact]
    public async Task OpenApi_EveryProblemResponse_NamesItsCodesAndEveryCodeIsSomewhere()
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (where, status, response) in await ProblemResponsesAsync())
        {
            var codes = response[ProblemResponses.Extension]?.AsArray().Select(code => code!.GetValue<string>()).ToArray();
            codes.ShouldNotBeNull($"{where} {status} names no problem code");
            codes.ShouldNotBeEmpty($"{where} {status}");
            foreach (var code in codes)
            {
                ProblemCatalog.StatusOf(code).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(status, $"{where} lists {code}");
                response["description"]!.GetValue<string>().ShouldContain($"`{code}`");
                listed.Add(code);
            }
        }

        AllCodes.Except(listed).ShouldBeEmpty("every code the API answers with is documented on some operation");
    }

    [Fact]
    public async Task OpenApi_PlaceOrder_ListsTheSaleOutcomesAndTheirMembers()
    {
        var responses = (await ProblemResponsesAsync()).Where(r => r.Where == "post /api/orders").ToDictionary(r => r.Status, r => r.Response);

        Codes(responses["409"]).ShouldBe(["sold_out", "insufficient_stock", "limit_exceeded", "not_on_sale"], ignoreOrder: true);
        Codes(responses["503"]).ShouldBe(["product_unavailable", "overloaded", "unavailable"], ignoreOrder: true);
        Codes(responses["422"]).ShouldBe(["idempotency_conflict"]);
        Codes(responses["429"]).ShouldBe(["rate_limited"]);
        Codes(responses["413"]).ShouldBe(["payload_too_large"]);
        Codes(responses["401"]).ShouldBe(["unauthorized"]);
        var conflicts = responses["409"]["description"]!.GetValue<string>();
        conflicts.ShouldContain("`insufficient_stock`: Fewer units are left than a line asks for. Adds `productId`, `available`");
        conflicts.ShouldContain("`opensAt`");
        responses["503"]["description"]!.GetValue<string>().ShouldContain("Sends Retry-After.");
    }

    private static string[] Codes(JsonNode response) =>
        [.. response[ProblemResponses.Extension]!.AsArray().Select(code => code!.GetValue<string>())];

    private async Task<List<(string Where, string Status, JsonNode Response)>> ProblemResponsesAsync()
    {
        using var answer = await api.Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        var document = await ApiHost.ExpectAsync(answer, HttpStatusCode.OK);
        var found = new List<(string, string, JsonNode)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject())
                {
                    if (response?["content"]?["application/problem+json"] is not null)
                    {
                        found.Add(($"{method} {path}", status, response));
                    }
                }
            }
        }

        found.ShouldNotBeEmpty();
        return found;
    }
}
