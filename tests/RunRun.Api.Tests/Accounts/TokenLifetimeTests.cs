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
}
