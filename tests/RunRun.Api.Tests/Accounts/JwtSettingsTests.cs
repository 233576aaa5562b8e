using System.Globalization;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Accounts;

/// <summary>The API's own tokens under a configured issuer, audience, signing key and lifetime rather than the defaults.</summary>
public sealed class JwtSettingsTests : IAsyncLifetime
{
    private const string Issuer = "https://auth.runrun.test";
    private const string Audience = "runrun-shop";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ApiHost _host;

    public JwtSettingsTests() => _host = new ApiHost(new Dictionary<string, string>
    {
        ["RunRun:Api:Jwt:Issuer"] = Issuer,
        ["RunRun:Api:Jwt:Audience"] = Audience,
        ["RunRun:Api:Jwt:SigningKey"] = Convert.ToBase64String(_key),
        ["RunRun:Api:Jwt:Lifetime"] = Lifetime.ToString("c", CultureInfo.InvariantCulture),
    }, FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Token_ConfiguredSettings_IssuerAudienceKeyAndLifetimeAsConfigured()
    {
        var user = await _host.SignUpAsync();

        using var response = await _host.SendAsync(HttpMethod.Post, "/api/auth/token", body: new { email = user.Email, password = ApiHost.Password });

        var answer = await ApiHost.ExpectAsync(response, HttpStatusCode.OK);
        answer["expiresIn"]!.GetValue<long>().ShouldBe(300);
        var accessToken = answer["accessToken"]!.GetValue<string>();
        var token = new JwtSecurityTokenHandler().ReadJwtToken(accessToken);
        token.Issuer.ShouldBe(Issuer);
        token.Audiences.ShouldBe([Audience]);
        new DateTimeOffset(token.ValidFrom, TimeSpan.Zero).ShouldBe(FakeClock.Start);
        (token.ValidTo - token.ValidFrom).ShouldBe(Lifetime);
        new JwtSecurityTokenHandler().ValidateToken(accessToken, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = new SymmetricSecurityKey(_key),
            // The fake clock is not the library's.
            ValidateLifetime = false,
        }, out _).ShouldNotBeNull("signed with the configured key");
        using var me = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user with { Token = accessToken });
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_SigningKeyConfigured_NoDevelopmentKeyWrittenToTheDataFolder()
    {
        await _host.SignUpAsync();

        Directory.Exists(_host.DataDirectory).ShouldBeTrue();
        Directory.GetFiles(_host.DataDirectory).ShouldNotBeEmpty("the data folder is in use");
        File.Exists(Path.Combine(_host.DataDirectory, SigningKeys.DevelopmentKeyFile)).ShouldBeFalse();
    }

    [Fact]
    public async Task Token_DefaultIssuerOrAudienceOrAnotherKey_401()
    {
        var user = await _host.SignUpAsync();
        var now = _host.Time!.GetUtcNow().UtcDateTime;
        var minted = new Dictionary<string, string>
        {
            ["default issuer"] = Tokens.Mint(_key, user.Email, "runrun", Audience, now: now),
            ["default audience"] = Tokens.Mint(_key, user.Email, Issuer, "runrun-api", now: now),
            ["another key"] = Tokens.Mint(RandomNumberGenerator.GetBytes(32), user.Email, Issuer, Audience, now: now),
        };

        using var accepted = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user with { Token = Tokens.Mint(_key, user.Email, Issuer, Audience, now: now) });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, "the configured issuer, audience and key make a good token");
        foreach (var (what, token) in minted)
        {
            using var refused = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user with { Token = token });
            (await ApiHost.ProblemAsync(refused)).Code.ShouldBe("unauthorized", what);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, what);
        }
    }

    [Fact]
    public async Task Token_PastFiveMinutesPlusClockSkew_401()
    {
        var user = await _host.SignUpAsync();

        _host.Time!.Advance(Lifetime + TokenLifetime.ClockSkew);
        using var withinSkew = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        using var expired = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);

        withinSkew.StatusCode.ShouldBe(HttpStatusCode.OK, "the lifetime plus the clock skew is still good");
        await ApiHost.ProblemAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
    }
}
