using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>
/// A shop for the bad-input corpus: a seller, a shopper with one order awaiting payment, and two
/// products. Rate limits are lifted, as the corpus sends many requests as one shopper at once.
/// </summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public const string OrderKey = "fixture-order";

    public ApiHost Host { get; } = new(new Dictionary<string, string>
    {
        ["RunRun:Api:RateLimit:PermitsPerSecond"] = "10000",
        ["RunRun:Api:RateLimit:BurstSize"] = "10000",
    });

    public User Seller { get; private set; } = null!;

    public User Shopper { get; private set; } = null!;

    public string ProductId { get; private set; } = null!;

    public string OtherProductId { get; private set; } = null!;

    public string OrderId { get; private set; } = null!;

    /// <summary>How deep the API's JSON reader lets a body nest (0 in the options means the reader's default of 64).</summary>
    public int MaxJsonDepth
    {
        get
        {
            var json = Host.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return json.MaxDepth == 0 ? 64 : json.MaxDepth;
        }
    }

    public async Task InitializeAsync()
    {
        await Host.StartAsync();
        Seller = await Host.SignUpAsync("seller");
        Shopper = await Host.SignUpAsync();
        ProductId = await Host.CreateProductAsync(Seller, stock: 10, perShopperLimit: 5);
        OtherProductId = await Host.CreateProductAsync(Seller, stock: 3);
        using var placed = await Host.PlaceOrderAsync(Shopper, OrderKey, (ProductId, 1));
        OrderId = (await ApiHost.ExpectAsync(placed, HttpStatusCode.Created))["orderId"]!.GetValue<string>();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Puts the fixture's ids into a path or body written with {product}, {other}, {order} and {shopper}.</summary>
    public string Fill(string text) => text
        .Replace("{shopper}", Shopper.Email, StringComparison.Ordinal)
        .Replace("{product}", ProductId, StringComparison.Ordinal)
        .Replace("{other}", OtherProductId, StringComparison.Ordinal)
        .Replace("{order}", OrderId, StringComparison.Ordinal);

    /// <summary>Everything a bad request could have changed, read through the API.</summary>
    public async Task<string> SnapshotAsync()
    {
        var shopper = await MeAsync(Shopper);
        var seller = await MeAsync(Seller);
        var product = await Host.GetProductAsync(ProductId);
        var other = await Host.GetProductAsync(OtherProductId);
        var orders = await Host.ListOrdersAsync(Shopper, pageSize: 100);
        using var catalogue = await Host.SendAsync(HttpMethod.Get, "/api/products?pageSize=100");
        var products = await ApiHost.ExpectAsync(catalogue, HttpStatusCode.OK);
        var snapshot = new JsonObject
        {
            ["shopper"] = shopper,
            ["seller"] = seller,
            ["product"] = product.DeepClone(),
            ["other"] = other.DeepClone(),
            ["orders"] = orders.DeepClone(),
            ["catalogueTotal"] = products["total"]!.DeepClone(),
            ["catalogueIds"] = new JsonArray([.. products["items"]!.AsArray().Select(p => (JsonNode?)JsonValue.Create(p!["productId"]!.GetValue<string>()))]),
        };
        return snapshot.ToJsonString();
    }

    private async Task<JsonObject> MeAsync(User user)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);
        return await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
    }
}
