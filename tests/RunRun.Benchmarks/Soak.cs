using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;

namespace RunRun.Benchmarks;

/// <summary>
/// Hammers one grain from 64 callers and fails (exit code 3) if any call goes unanswered for 3 s.
/// It found the scheduler's lost wake-up, which ordinary tests did not.
/// </summary>
internal static class Soak
{
    public static async Task<bool> RunAsync(IServiceProvider services, int rounds)
    {
        var grain = services.GetRequiredService<IGrainFactory>().GetGrain<IPingGrain>(-5);
        var stalled = false;
        for (var round = 1; round <= rounds && !stalled; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
            {
                for (var k = 0; k < 20_000 && !stalled; k++)
                {
                    var call = grain.Ping(k);
                    if (await Task.WhenAny(call, Task.Delay(3000)) != call)
                    {
                        stalled = true;
                    }
                }
            })));
            Console.WriteLine(stalled ? $"soak round {round}: a call went unanswered for 3 s" : $"soak round {round}: 1,280,000 calls answered");
        }

        return !stalled;
    }
}
