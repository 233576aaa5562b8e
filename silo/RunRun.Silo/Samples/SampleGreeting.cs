using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunRun.Actors;

namespace RunRun.Silo.Samples;

/// <summary>Greets once at start-up and says so, so a newcomer sees the silo answer.</summary>
internal sealed partial class SampleGreeting(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<SampleGreeting> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = GreetAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task GreetAsync()
    {
        try
        {
            var greeting = await grains.GetGrain<IGreeterGrain>("sample").Greet(Environment.UserName);
            LogGreeting(logger, greeting.Text, greeting.Count);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text} (greeting #{Count}; the count is kept in SQLite across restarts). Press Ctrl+C to stop.")]
    private static partial void LogGreeting(ILogger logger, string text, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sample grain did not answer")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
