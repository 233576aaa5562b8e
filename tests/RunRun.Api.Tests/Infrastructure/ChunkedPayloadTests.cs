using System.Net;
using System.Text.Json;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>
/// Bodies over the limit that declare no length (chunked): the length check cannot see them, so the
/// limit must hold while the body is read, and answer the same problem as for a declared length,
/// under the test server (which enforces no limit of its own) and under Kestrel (which does).
/// </summary>
public sealed class ChunkedPayloadTests
{
    private static readonly string Padding = new('p', 1024 * 1024);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateProduct_OneMegabyteChunked_SameProblemAsADeclaredLengthAndNothingCreated(bool kestrel)
    {
        await using var host = new ApiHost(kestrel: kestrel);
        var seller = await host.SignUpAsync("seller");
        var json = JsonSerializer.Serialize(new
        {
            name = "Padded",
            price = new { amount = 1_000, currency = "KRW" },
            kind = "General",
            perShopperLimit = 1,
            padding = Padding,
        });

        var chunked = await PostAsync(host, kestrel, "/api/products", seller, json, chunked: true);
        var declared = await PostAsync(host, kestrel, "/api/products", seller, json, chunked: false);

        SameProblem(chunked, declared);
        using var list = await host.SendAsync(HttpMethod.Get, "/api/products");
        (await ApiHost.ExpectAsync(list, HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlaceOrder_OneMegabyteChunked_SameProblemAsADeclaredLengthAndNothingReserved(bool kestrel)
    {
        await using var host = new ApiHost(kestrel: kestrel);
        var seller = await host.SignUpAsync("seller");
        var productId = await host.CreateProductAsync(seller, stock: 5);
        var shopper = await host.SignUpAsync();
        var json = JsonSerializer.Serialize(new { lines = new[] { new { productId, quantity = 1 } }, padding = Padding });

        var chunked = await PostAsync(host, kestrel, "/api/orders", shopper, json, chunked: true, host.Unique("order"));
        var declared = await PostAsync(host, kestrel, "/api/orders", shopper, json, chunked: false, host.Unique("order"));

        SameProblem(chunked, declared);
        (await host.StockAsync(productId)).ShouldBe(new Stock(5, 0, 0, false));
        (await host.ListOrdersAsync(shopper))["total"]!.GetValue<int>().ShouldBe(0);
    }

    private static async Task<Problem> PostAsync(ApiHost host, bool kestrel, string path, User user, string json, bool chunked, string? idempotencyKey = null)
    {
        using var response = kestrel
            ? await RawHttp.PostJsonAsync(host.Client.BaseAddress!, path, user.Token, idempotencyKey, json, chunked)
            : await host.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = chunked ? new ChunkedJsonContent(json) : ApiHost.Json(json) }, user, idempotencyKey);
        return await ApiHost.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    private static void SameProblem(Problem chunked, Problem declared)
    {
        foreach (var field in new[] { "type", "title", "detail", "instance" })
        {
            chunked[field].ShouldNotBeNull(chunked.Text);
            chunked[field].ShouldBe(declared[field], $"{field} of {chunked.Text}");
        }
    }
}
