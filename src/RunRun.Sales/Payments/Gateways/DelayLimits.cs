namespace RunRun.Sales.Payments.Gateways;

internal static class DelayLimits
{
    /// <summary>The longest delay timers and cancellation sources accept (about 49.7 days).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
}
