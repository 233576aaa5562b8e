using Microsoft.Extensions.Options;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Rejects unusable <see cref="PaymentSimulatorOptions"/> at start-up, naming the configuration key to fix.</summary>
public sealed class PaymentSimulatorOptionsValidator : IValidateOptions<PaymentSimulatorOptions>
{
    private const string Prefix = PaymentSimulatorOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PaymentSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Latency < TimeSpan.Zero || options.Latency > DelayLimits.Max)
        {
            failures.Add($"{Prefix}{nameof(options.Latency)} must be between 00:00:00 and {DelayLimits.Max} (was {options.Latency}).");
        }

        if (options.SlowCardDelay <= TimeSpan.Zero || options.SlowCardDelay > DelayLimits.Max)
        {
            failures.Add($"{Prefix}{nameof(options.SlowCardDelay)} must be a positive time span such as 00:00:30, at most {DelayLimits.Max} (was {options.SlowCardDelay}).");
        }

        // The negated form also rejects NaN.
        if (!(options.FaultRate is >= 0 and <= 1))
        {
            failures.Add($"{Prefix}{nameof(options.FaultRate)} must be between 0 and 1 (was {options.FaultRate}).");
        }

        if (options.MaxLogEntries < 0)
        {
            failures.Add($"{Prefix}{nameof(options.MaxLogEntries)} must not be negative (was {options.MaxLogEntries}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
