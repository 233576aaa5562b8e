using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RunRun.Api.Tests.Operations;

/// <summary>The message a developer reads after `dotnet run`: where the API listens, where its docs are, how to get a token.</summary>
public sealed class StartupMessageTests
{
    [Fact]
    public async Task Start_OnKestrel_LogsTheAddressItsDocsAndTheTokenRoute()
    {
        var log = new CapturingLoggerProvider();
        await using var host = new ApiHost(kestrel: true, services: services => services.AddLogging(logging => logging
            .AddProvider(log)
            .AddFilter<CapturingLoggerProvider>(null, LogLevel.Information)));
        await host.StartAsync();
        var address = host.Client.BaseAddress!.GetLeftPart(UriPartial.Authority);

        // The announcement runs on the application's started event, on the app's own thread: the
        // test host may hand back control before that callback has logged.
        var announced = Announced(log);
        for (var wait = 0; wait < 500 && announced.Count == 0; wait++)
        {
            await Task.Delay(10);
            announced = Announced(log);
        }

        var message = announced.ShouldHaveSingleItem(string.Join('\n', log.Messages.Select(m => m.Text))).Text;
        address.ShouldStartWith("http://127.0.0.1:");
        message.ShouldContain($"listening on {address} ");
        message.ShouldContain($"{address}/docs");
        message.ShouldContain($"POST {address}/api/auth/token");
        using var docs = await host.SendAsync(HttpMethod.Get, "/docs/index.html");
        docs.StatusCode.ShouldBe(HttpStatusCode.OK, "the announced docs page is there");
    }

    private static List<LoggedMessage> Announced(CapturingLoggerProvider log) =>
        [.. log.Messages.Where(message => message.Text.Contains(" is listening on ", StringComparison.Ordinal))];
}
