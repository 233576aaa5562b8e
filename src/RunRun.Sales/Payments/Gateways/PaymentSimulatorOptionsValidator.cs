using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Rejects unusable <see cref="PaymentSimulatorOptions"/> at start-up, naming the configuration key to fix.</summary>
public sealed class PaymentSimulatorOptionsValidator : IValidateOptions<PaymentSimulatorOptions>
{
    private const string Prefix = PaymentSimulatorOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PaymentSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsChecks.Collect(
            options.Latency < TimeSpan.Zero || options.Latency > DelayLimits.Max
                ? $"{Prefix}{nameof(options.Latency)} must be between 00:00:00 and {DelayLimits.Max} (was {options.Latency})."
                : null,
            options.SlowCardDelay <= TimeSpan.Zero || options.SlowCardDelay > DelayLimits.Max
                ? $"{Prefix}{nameof(options.SlowCardDelay)} must be a positive time span such as 00:00:30, at most {DelayLimits.Max} (was {options.SlowCardDelay})."
                : null,
            // The negated form also rejects NaN.
            !(options.FaultRate is >= 0 and <= 1)
                ? $"{Prefix}{nameof(options.FaultRate)} must be between 0 and 1 (was {options.FaultRate})."
                : null,
            options.MaxLogEntries < 0
                ? $"{Prefix}{nameof(options.MaxLogEntries)} must not be negative (was {options.MaxLogEntries})."
                : null,
            options.JournalPath is { } path && (string.IsNullOrWhiteSpace(path) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                ? $"{Prefix}{nameof(options.JournalPath)} must be a file path, or unset to keep answers in memory only (was '{path}')."
                : null);
    }
}
