using System.Net;

namespace RunRun.Api.Tests.Accounts;

public sealed class TokenLifetimeTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(time: FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Token_PastLifetimePlusClockSkew_401()
    {
        var user = await _host.SignUpAsync();

        _host.Time!.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(20));
        using var withinSkew = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);
        _host.Time.Advance(TimeSpan.FromSeconds(11));
        using var expired = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);

        withinSkew.StatusCode.ShouldBe(HttpStatusCode.OK, "30 s of clock skew are allowed");
        var problem = await ApiHost.ProblemAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
        problem.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        var fresh = new User(user.Email, await _host.TokenAsync(user.Email, ApiHost.Password));
        using var again = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", fresh);
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "a token issued now is valid now");
    }

    [Fact]
    public async Task Token_AlteredAfterAValidCopyWasAccepted_401()
    {
        var user = await _host.SignUpAsync();
        using var accepted = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", user);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The same header and payload with another signature: only the exact token that passed may skip validation.
        var signatureStart = user.Token.LastIndexOf('.') + 1;
        var forged = user with { Token = user.Token[..signatureStart] + (user.Token[signatureStart] == 'A' ? 'B' : 'A') + user.Token[(signatureStart + 1)..] };
        using var rejected = await _host.SendAsync(HttpMethod.Get, "/api/accounts/me", forged);

        await ApiHost.ProblemAsync(rejected, HttpStatusCode.Unauthorized, "unauthorized");
    }
}
