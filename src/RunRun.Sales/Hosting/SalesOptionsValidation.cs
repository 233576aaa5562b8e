using RunRun.Actors.Hosting;
using Microsoft.Extensions.Options;

namespace RunRun.Sales.Hosting;

/// <summary>Start-up checks of the sale's options; each message names the configuration key.</summary>
internal sealed class SalesOptionsValidation(IOptions<ReminderOptions> reminders) :
    IValidateOptions<StockBreakerOptions>,
    IValidateOptions<ProductOptions>,
    IValidateOptions<OrderOptions>,
    IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, StockBreakerOptions options) => OptionsChecks.Collect(
        options.FailureRatio is <= 0 or > 1 ? $"{StockBreakerOptions.SectionName}:FailureRatio must be above 0 and at most 1 (was {options.FailureRatio})." : null,
        OptionsChecks.Positive(options.SamplingDuration, $"{StockBreakerOptions.SectionName}:SamplingDuration"),
        OptionsChecks.AtLeast(options.MinimumThroughput, 2, $"{StockBreakerOptions.SectionName}:MinimumThroughput"),
        OptionsChecks.Positive(options.BreakDuration, $"{StockBreakerOptions.SectionName}:BreakDuration"));

    public ValidateOptionsResult Validate(string? name, ProductOptions options) => OptionsChecks.Collect(
        [.. options.Currencies.Select((c, i) => Money.IsCurrencyCode(c)
            ? null
            : $"{ProductOptions.SectionName}:Currencies:{i} ('{c}') is not an ISO 4217 code of three upper-case letters.")]);

    public ValidateOptionsResult Validate(string? name, OrderOptions options) => OptionsChecks.Collect(
        OptionsChecks.Positive(options.PaymentHold, $"{OrderOptions.SectionName}:PaymentHold"),
        OptionsChecks.Positive(options.ExpiryReminderPeriod, $"{OrderOptions.SectionName}:ExpiryReminderPeriod"),
        OptionsChecks.Positive(options.HoldAuditPeriod, $"{OrderOptions.SectionName}:HoldAuditPeriod"),
        OptionsChecks.Positive(options.ReleasedHoldRetention, $"{OrderOptions.SectionName}:ReleasedHoldRetention"),
        options.SoldHoldRetention < options.HoldAuditHorizon
            ? $"{OrderOptions.SectionName}:SoldHoldRetention ({options.SoldHoldRetention}) must be at least PaymentHold + ExpiryReminderPeriod + HoldAuditPeriod ({options.HoldAuditHorizon}), so an order still settling its payment finds its hold."
            : null,
        // Both are reminder periods, so the silo's reminder minimum applies to them.
        AtLeastReminderMinimum(options.ExpiryReminderPeriod, $"{OrderOptions.SectionName}:ExpiryReminderPeriod"),
        AtLeastReminderMinimum(options.HoldAuditPeriod, $"{OrderOptions.SectionName}:HoldAuditPeriod"),
        OptionsChecks.AtLeast(options.MaxPaymentAttempts, 1, $"{OrderOptions.SectionName}:MaxPaymentAttempts"),
        OptionsChecks.AtLeast(options.MaxLines, 1, $"{OrderOptions.SectionName}:MaxLines"),
        OptionsChecks.AtLeast(options.MaxQuantityPerLine, 1, $"{OrderOptions.SectionName}:MaxQuantityPerLine"));

    public ValidateOptionsResult Validate(string? name, PaymentOptions options) => OptionsChecks.Collect(
        options.MaxRetries < 0 ? $"{PaymentOptions.SectionName}:MaxRetries must not be negative (was {options.MaxRetries})." : null,
        OptionsChecks.Positive(options.RetryBaseDelay, $"{PaymentOptions.SectionName}:RetryBaseDelay"),
        OptionsChecks.Positive(options.AttemptTimeout, $"{PaymentOptions.SectionName}:AttemptTimeout"),
        OptionsChecks.Positive(options.ReconcilePeriod, $"{PaymentOptions.SectionName}:ReconcilePeriod"),
        OptionsChecks.Positive(options.InDoubtWindow, $"{PaymentOptions.SectionName}:InDoubtWindow"),
        AtLeastReminderMinimum(options.ReconcilePeriod, $"{PaymentOptions.SectionName}:ReconcilePeriod"));

    private string? AtLeastReminderMinimum(TimeSpan value, string key) =>
        value > TimeSpan.Zero && value < reminders.Value.MinimumReminderPeriod
            ? $"{key} ({value}) is shorter than {ReminderOptions.SectionName}:MinimumReminderPeriod ({reminders.Value.MinimumReminderPeriod})."
            : null;
}
