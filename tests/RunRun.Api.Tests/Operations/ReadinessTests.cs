using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Hosting;

namespace RunRun.Api.Tests.Operations;

/// <summary>/readyz when what it checks is down: a host of its own per test, as each breaks it.</summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private readonly ApiHost _host;
    private RefusingGrainStorage? _storage;

    public ReadinessTests() =>
        _host = new ApiHost(services: services => RefusingGrainStorage.Install(services, storage => _storage = storage));

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Readyz_StorageRefusesWrites_503UnavailableUntilItTakesWritesAgain()
    {
        await ExpectReadyAsync();
        var storage = _storage.ShouldNotBeNull("the silo resolved the storage the test put in");

        storage.Refusing = true;
        using (var refused = await _host.SendAsync(HttpMethod.Get, "/readyz"))
        {
            var problem = await ApiHost.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "unavailable");
            problem.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        }

        using (var health = await _host.SendAsync(HttpMethod.Get, "/healthz"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK, "the process runs; only readiness depends on storage");
        }

        storage.Refusing = false;
        await ExpectReadyAsync();
    }

    [Fact]
    public async Task Readyz_SiloDead_503Unavailable()
    {
        await ExpectReadyAsync();

        _host.Services.GetRequiredService<Silo>().Kill();
        using var response = await _host.SendAsync(HttpMethod.Get, "/readyz");

        await ApiHost.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        using var health = await _host.SendAsync(HttpMethod.Get, "/healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task ExpectReadyAsync()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/readyz");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
