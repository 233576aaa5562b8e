using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;

namespace RunRun.Benchmarks;

/// <summary>
/// Hammers grains from 64 callers and fails (exit code 3) if any call goes unanswered for 3 s:
/// odd rounds all on one grain, even rounds each caller on its own grain. It found the scheduler's
/// lost wake-up (one grain) and the starvation of work queued to a thread's local queue (64 grains),
/// neither of which the ordinary tests showed.
/// </summary>
internal static class Soak
{
    public static async Task<bool> RunAsync(IServiceProvider services, int rounds)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var stalled = false;
        for (var round = 1; round <= rounds && !stalled; round++)
        {
            var shared = round % 2 == 1;
            await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            {
                var grain = grains.GetGrain<IPingGrain>(shared ? -5 : 100 + i);
                for (var k = 0; k < 20_000 && !stalled; k++)
                {
                    var call = grain.Ping(k);
                    if (await Task.WhenAny(call, Task.Delay(3000)) != call)
                    {
                        stalled = true;
                    }
                }
            })));
            var shape = shared ? "one grain" : "64 grains";
            Console.WriteLine(stalled ? $"soak round {round} ({shape}): a call went unanswered for 3 s" : $"soak round {round} ({shape}): 1,280,000 calls answered");
        }

        return !stalled;
    }
}
