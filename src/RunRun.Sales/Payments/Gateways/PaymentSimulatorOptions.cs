namespace RunRun.Sales.Payments.Gateways;

/// <summary>The embedded payment simulator, bound from RunRun:Payments:Simulator.</summary>
public sealed class PaymentSimulatorOptions
{
    public const string SectionName = "RunRun:Payments:Simulator";

    /// <summary>How long every call takes before it is answered, as a network round trip would.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>How long a "card-slow" confirmation takes: long enough to trip a caller's timeout.</summary>
    public TimeSpan SlowCardDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of calls, 0 to 1, answered with a transient failure whatever the card.</summary>
    public double FaultRate { get; set; }

    /// <summary>Seeds the fault draw, so a run with faults can be repeated.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>How many of the most recent calls <see cref="PaymentSimulator.Log"/> keeps; 0 keeps none.</summary>
    public int MaxLogEntries { get; set; } = 10_000;

    /// <summary>
    /// A file that keeps the simulator's final answers (charges, refunds, declines) across restarts,
    /// as a provider would; unset, they last as long as the process. The embedded API sets it in
    /// its data folder.
    /// </summary>
    public string? JournalPath { get; set; }
}
