using System.Net;

namespace RunRun.Api.Tests.Infrastructure;

public sealed class PayloadTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/api/products")]
    [InlineData("/api/accounts")]
    public async Task Post_OneMegabyteBody_413PayloadTooLarge(string path)
    {
        var seller = await Host.SignUpAsync("seller");
        var body = "{\"name\":\"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await Host.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiHost.Json(body) }, seller, Host.Unique("k"));

        await ApiHost.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task Post_BodyJustUnderTheLimit_NotRefusedForItsSize()
    {
        var seller = await Host.SignUpAsync("seller");
        var description = new string('d', 3_000);

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/products", seller, new
        {
            name = "Padded",
            description,
            price = new { amount = 1_000, currency = "KRW" },
            kind = "General",
            perShopperLimit = 1,
            padding = new string(' ', 60 * 1024),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
