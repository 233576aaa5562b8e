using System.Net;
using System.Security.Cryptography;

namespace RunRun.Api.Tests.Accounts;

/// <summary>Tokens of an external issuer configured under RunRun:Api:Jwt:ExternalIssuers.</summary>
public sealed class ExternalIssuerTests(ExternalIssuerTests.Fixture api) : IClassFixture<ExternalIssuerTests.Fixture>
{
    private const string Issuer = "https://login.partner.test";
    private const string Audience = "runrun-api";

    private ApiHost Host => api.Host;

    [Fact]
    public async Task Token_SignedWithTheIssuersKey_AcceptedForTheAccountItNames()
    {
        var user = await Host.SignUpAsync();
        var external = new User(user.Email, Tokens.Mint(api.IssuerKey, user.Email, Issuer, Audience));

        using var me = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", external);
        using var orders = await Host.SendAsync(HttpMethod.Get, "/api/orders", external);

        (await ApiHost.ExpectAsync(me, HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe(user.Email);
        (await ApiHost.ExpectAsync(orders, HttpStatusCode.OK))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Token_TheIssuersNameSignedWithAnotherKey_401()
    {
        var user = await Host.SignUpAsync();
        var forged = Tokens.Mint(RandomNumberGenerator.GetBytes(64), user.Email, Issuer, Audience);

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, forged));

        await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Token_EachIssuerSignedWithTheOthersKey_401()
    {
        // Both keys are trusted, but each only for its own issuer: neither can mint the other's tokens.
        var user = await Host.SignUpAsync();
        var externalWithOwnKey = Tokens.Mint(Tokens.DevelopmentKey(Host), user.Email, Issuer, Audience);
        var ownWithExternalKey = Tokens.Mint(api.IssuerKey, user.Email, "runrun", Audience);

        using var first = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, externalWithOwnKey));
        using var second = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, ownWithExternalKey));

        await ApiHost.ProblemAsync(first, HttpStatusCode.Unauthorized, "unauthorized");
        await ApiHost.ProblemAsync(second, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Token_TheIssuersKeyForAnotherAudience_401()
    {
        var user = await Host.SignUpAsync();
        var token = Tokens.Mint(api.IssuerKey, user.Email, Issuer, "partner-internal-api");

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, token));

        await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ExternalToken_SellerRole_CreatesAProductAsThatSeller()
    {
        // The issuer's role claims are trusted as they are: the subject needs no account here.
        var subject = Host.Unique("partner-seller");
        var seller = new User(subject, Tokens.Mint(api.IssuerKey, subject, Issuer, Audience, role: "seller"));

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/products", seller, ApiHost.ProductBody(name: "Partner product"));

        var product = await ApiHost.ExpectAsync(response, HttpStatusCode.Created);
        product["sellerId"]!.GetValue<string>().ShouldBe(subject);
        (await Host.GetProductAsync(product["productId"]!.GetValue<string>()))["name"]!.GetValue<string>().ShouldBe("Partner product");
    }

    [Fact]
    public async Task ExternalToken_UsedAgain_TheCachedPrincipalActsAsTheSameSellerAndShopper()
    {
        // The first request validates the token; the later ones get its principal from the token
        // cache, with the actor read from the claims once: same subject, same roles.
        var subject = Host.Unique("partner-repeat");
        var seller = new User(subject, Tokens.Mint(api.IssuerKey, subject, Issuer, Audience, role: "seller"));
        var shopper = new User(subject + "-s", Tokens.Mint(api.IssuerKey, subject + "-s", Issuer, Audience, role: "shopper"));

        for (var i = 0; i < 3; i++)
        {
            using var created = await Host.SendAsync(HttpMethod.Post, "/api/products", seller, ApiHost.ProductBody(name: "Repeat " + i));
            (await ApiHost.ExpectAsync(created, HttpStatusCode.Created))["sellerId"]!.GetValue<string>().ShouldBe(subject);
            using var refused = await Host.SendAsync(HttpMethod.Post, "/api/products", shopper, ApiHost.ProductBody(name: "Refused " + i));
            await ApiHost.ProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task ExternalToken_ShopperRole_CreateProduct403AndNothingCreated()
    {
        var subject = Host.Unique("partner-shopper");
        var shopper = new User(subject, Tokens.Mint(api.IssuerKey, subject, Issuer, Audience, role: "shopper"));
        var before = await CatalogueTotalAsync();

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/products", shopper, ApiHost.ProductBody());

        await ApiHost.ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        (await CatalogueTotalAsync()).ShouldBe(before);
    }

    private async Task<int> CatalogueTotalAsync()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/api/products?pageSize=1");
        return (await ApiHost.ExpectAsync(response, HttpStatusCode.OK))["total"]!.GetValue<int>();
    }

    /// <summary>A host that trusts one external issuer, whose key the tests hold.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public Fixture() => Host = new ApiHost(new Dictionary<string, string>
        {
            ["RunRun:Api:Jwt:ExternalIssuers:0:Issuer"] = Issuer,
            ["RunRun:Api:Jwt:ExternalIssuers:0:SigningKey"] = Convert.ToBase64String(IssuerKey),
        });

        public byte[] IssuerKey { get; } = RandomNumberGenerator.GetBytes(32);

        public ApiHost Host { get; }

        public Task InitializeAsync() => Host.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
