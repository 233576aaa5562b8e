namespace RunRun.Actors.Testing;

/// <summary>Waits, on the real clock and for a bounded time, for something background work will make true.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (clock.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException("Timed out waiting for: " + what);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), clock);
        }
    }
}
