namespace RunRun.Actors.Timers;

/// <summary>How a grain timer ticks.</summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Ticks may interleave with requests (otherwise a tick waits its turn like a request).</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity, keeping the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
