using System.Net;
using System.Text.Json.Nodes;

namespace RunRun.Api.Tests.Accounts;

public sealed class AccountTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task SignUp_NoRoles_ShopperAccountCreated()
    {
        var email = Host.Unique("new") + "@runrun.test";

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email, displayName = "New Shopper", password = ApiHost.Password });

        var account = await ApiHost.ExpectAsync(response, HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.ShouldBe("/api/accounts/me");
        account["email"]!.GetValue<string>().ShouldBe(email);
        account["displayName"]!.GetValue<string>().ShouldBe("New Shopper");
        Roles(account).ShouldBe(["shopper"]);
        account.ContainsKey("password").ShouldBeFalse();
    }

    [Fact]
    public async Task SignUp_SellerRole_SellerAccount()
    {
        var seller = await Host.SignUpAsync("Seller");

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", seller);

        var me = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
        Roles(me).ShouldContain("seller");
        Roles(me).ShouldNotContain("operator");
        me["userId"]!.GetValue<string>().ShouldBe(seller.Email);
    }

    [Fact]
    public async Task SignUp_SameEmailInOtherCase_409AccountExists()
    {
        var user = await Host.SignUpAsync();

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email = user.Email.ToUpperInvariant(), displayName = "Again", password = "another-password" });

        await ApiHost.ProblemAsync(response, HttpStatusCode.Conflict, "account_exists");
        (await Host.TokenAsync(user.Email, ApiHost.Password)).ShouldNotBeNullOrEmpty("the first account keeps its password");
    }

    [Fact]
    public async Task SignUp_OperatorRole_403AndNoAccount()
    {
        var email = Host.Unique("would-be-operator") + "@runrun.test";

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email, displayName = "Sneaky", password = ApiHost.Password, roles = new[] { "shopper", "operator" } });

        await ApiHost.ProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        using var token = await Host.SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email, password = ApiHost.Password });
        await ApiHost.ProblemAsync(token, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task SignUp_InvalidFields_400ValidationFailedNamingEachField()
    {
        using var response = await Host.SendAsync(HttpMethod.Post, "/api/accounts", body: new { email = "not-an-address", displayName = "", password = "short" });

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.Body["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["email", "displayName", "password"], ignoreOrder: true);
        errors["password"]!.AsArray().Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Token_RightPassword_BearerTokenForAnHour()
    {
        var user = await Host.SignUpAsync();

        using var response = await Host.SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email = "  " + user.Email.ToUpperInvariant(), password = ApiHost.Password });

        var token = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
        token["tokenType"]!.GetValue<string>().ShouldBe("Bearer");
        token["expiresIn"]!.GetValue<long>().ShouldBe(3600);
        using var me = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", new User(user.Email, token["accessToken"]!.GetValue<string>()));
        (await ApiHost.ExpectAsync(me, HttpStatusCode.OK))["email"]!.GetValue<string>().ShouldBe(user.Email);
    }

    [Fact]
    public async Task Token_WrongPasswordOrUnknownEmail_SameInvalidCredentials()
    {
        var user = await Host.SignUpAsync();

        using var wrongPassword = await Host.SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email = user.Email, password = "wrong-password" });
        using var unknown = await Host.SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email = "nobody@runrun.test", password = ApiHost.Password });

        var first = await ApiHost.ProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "invalid_credentials");
        var second = await ApiHost.ProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_credentials");
        first["detail"].ShouldBe(second["detail"], "the answer must not reveal who has an account");
    }

    [Fact]
    public async Task Me_NoToken_401UnauthorizedWithBearerChallenge()
    {
        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me");

        var problem = await ApiHost.ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        problem.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Operator_FromConfiguration_SignsInWithOperatorRole()
    {
        var op = await api.OperatorAsync();

        using var response = await Host.SendAsync(HttpMethod.Get, "/api/accounts/me", op);

        Roles(await ApiHost.ExpectAsync(response, HttpStatusCode.OK)).ShouldContain("operator");
    }

    private static string[] Roles(JsonObject account) => [.. account["roles"]!.AsArray().Select(r => r!.GetValue<string>())];
}
