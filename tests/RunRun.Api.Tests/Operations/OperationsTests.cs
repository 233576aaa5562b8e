using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RunRun.Actors.EventSourcing;

namespace RunRun.Api.Tests.Operations;

public sealed class OperationsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task Healthz_ProcessRunning_200()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_SiloAndStorageAnswer_200()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/readyz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterTraffic_PrometheusTextWithEveryFamily()
    {
        var seller = await Host.SignUpAsync("seller");
        var productId = await Host.CreateProductAsync(seller, stock: 2);
        var shopper = await Host.SignUpAsync();
        await Host.OrderAsync(shopper, (productId, 1));
        await Host.GetProductAsync(productId);

        using var response = await Host.SendAsync(HttpMethod.Get, "/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        string[] families =
        [
            "runrun_http_requests_total", "runrun_http_request_duration_seconds_bucket", "runrun_reservations_total",
            "runrun_active_grains", "runrun_journal_batch_size_bucket",
            "dotnet_gc_collections_total", "dotnet_gc_pause_seconds_total", "dotnet_gc_heap_bytes",
            "dotnet_threadpool_threads", "dotnet_threadpool_queue_length",
        ];
        var samples = text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        foreach (var family in families)
        {
            samples.ShouldContain(line => line.StartsWith(family, StringComparison.Ordinal), $"no {family} sample in:\n{text}");
        }

        // The group's route template; whether it carries a trailing slash is the router's business.
        samples.ShouldContain(line => Regex.IsMatch(line, "^runrun_http_requests_total\\{route=\"/api/orders/?\",method=\"POST\",status=\"201\"\\} [1-9]"), text);
        MetricsText.Value(text, "runrun_http_requests_total{route=\"/api/products/{productId}\",method=\"GET\",status=\"200\"}").ShouldBeGreaterThanOrEqualTo(1, "requests are counted by route template, not raw path");
        MetricsText.Value(text, "runrun_reservations_total{outcome=\"reserved\"}").ShouldBeGreaterThanOrEqualTo(1);
        text.ShouldContain("# TYPE runrun_breaker_state gauge\n");
        text.ShouldNotContain($"product=\"{productId}\"", customMessage: "only products whose breaker tripped have a breaker series");
        var active = MetricsText.Value(text, "runrun_active_grains");
        active.ShouldBeGreaterThan(0);
        MetricsText.Value(text, "runrun_active_grains_by_type{type=\"order\"}").ShouldBeGreaterThanOrEqualTo(1);
        MetricsText.Value(text, "runrun_active_grains_by_type{type=\"stock\"}").ShouldBeGreaterThanOrEqualTo(1);
        samples.Where(line => line.StartsWith("runrun_active_grains_by_type{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(active, 5, "the types add up to the total, give or take what activated between the two reads");
        var writes = MetricsText.Value(text, "runrun_journal_batch_size_count");
        writes.ShouldBeGreaterThan(0);
        MetricsText.Value(text, "runrun_journal_batch_size_bucket{le=\"+Inf\"}").ShouldBe(writes);
        var buckets = JournalMetrics.BatchSizeBounds.Select(bound => MetricsText.Value(text, $"runrun_journal_batch_size_bucket{{le=\"{bound}\"}}")).ToList();
        buckets.ShouldBe(buckets.Order().ToList(), "buckets are cumulative");
        buckets[^1].ShouldBeLessThanOrEqualTo(writes);
        MetricsText.Value(text, "runrun_journal_batch_size_sum").ShouldBeGreaterThanOrEqualTo(writes);
        MetricsText.Value(text, "dotnet_threadpool_threads").ShouldBeGreaterThan(0);
        MetricsText.Value(text, "dotnet_gc_heap_bytes").ShouldBeGreaterThan(0);
        samples.ShouldContain(line => line.StartsWith("dotnet_gc_collections_total{generation=\"2\"} ", StringComparison.Ordinal), text);
        samples.ShouldContain(line => Regex.IsMatch(line, "^runrun_http_request_duration_seconds_bucket\\{route=\"/api/orders/?\",le=\"\\+Inf\"\\} [1-9]"), text);
    }

    [Fact]
    public async Task Docs_Served_HtmlPage()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/docs");
        using var page = response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect
            ? await Host.SendAsync(HttpMethod.Get, "/docs/" + response.Headers.Location!.OriginalString.Split('/')[^1])
            : null;

        var html = page ?? response;
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await html.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task OpenApi_EveryRouteOfTheContract_ListedWithBodyAndResponses()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        var document = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        var routes = ContractRoutes.Read();
        routes.Count.ShouldBe(17, "api/README.md's table, less /openapi and /docs");

        foreach (var route in routes)
        {
            var where = $"{route.Method} {route.Path}";
            var operation = paths[route.Path]?[route.Method.ToLowerInvariant()]?.AsObject();
            operation.ShouldNotBeNull($"{where} is not in the OpenAPI document");
            var responses = operation["responses"]!.AsObject();
            responses.ContainsKey(route.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBeTrue($"{where} does not list its {route.SuccessStatus}");
            if (route.HasBody)
            {
                operation["requestBody"]?["content"]?["application/json"]?["schema"].ShouldNotBeNull($"{where} does not describe its body");
            }

            var problems = responses.Where(r => r.Value?["content"]?["application/problem+json"] is not null).Select(r => r.Key).ToList();
            if (route.Path is not ("/healthz" or "/metrics"))
            {
                problems.ShouldNotBeEmpty($"{where} lists no problem response");
            }

            if (route.NeedsSignIn)
            {
                problems.ShouldContain("401", $"{where} needs a token but does not list 401");
            }
        }
    }

    [Fact]
    public async Task OpenApi_PlaceAndPayRequireAndRestockTakesAnIdempotencyKeyHeaderAndNothingElseDoes()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/openapi/v1.json");
        var document = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);

        var keyed = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var header = operation!["parameters"]?.AsArray().SingleOrDefault(parameter =>
                    parameter!["in"]!.GetValue<string>() == "header"
                    && parameter["name"]!.GetValue<string>().Equals("Idempotency-Key", StringComparison.OrdinalIgnoreCase));
                if (header is not null)
                {
                    keyed.Add($"{method.ToUpperInvariant()} {path}", header);
                }
            }
        }

        keyed.Keys.Order(StringComparer.Ordinal).ShouldBe(["POST /api/orders", "POST /api/orders/{orderId}/payment", "POST /api/products/{productId}/stock"]);
        foreach (var (where, header) in keyed)
        {
            ((string?)header["name"]).ShouldBe("Idempotency-Key", where);
            ((bool?)header["required"] ?? false).ShouldBe(where != "POST /api/products/{productId}/stock", where);
            ((string?)header["description"]).ShouldNotBeNull(where).ShouldContain("same key", Case.Sensitive, where);
            var schema = header["schema"].ShouldNotBeNull(where);
            ((string?)schema["type"]).ShouldBe("string", where);
            ((int?)schema["minLength"]).ShouldBe(1, where);
            ((int?)schema["maxLength"]).ShouldBe(200, where);
        }

        ((string?)keyed["POST /api/orders"]["description"]).ShouldNotBeNull().ShouldContain("422 idempotency_conflict");
    }
}
