using Microsoft.Extensions.Options;

namespace RunRun.Sales.Hosting;

/// <summary>Start-up checks of the sale's options; each message names the configuration key.</summary>
internal sealed class SalesOptionsValidation :
    IValidateOptions<StockBreakerOptions>,
    IValidateOptions<OrderOptions>,
    IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, StockBreakerOptions options) => Collect(
        options.FailureRatio is <= 0 or > 1 ? $"{StockBreakerOptions.SectionName}:FailureRatio must be above 0 and at most 1 (was {options.FailureRatio})." : null,
        Positive(options.SamplingDuration, $"{StockBreakerOptions.SectionName}:SamplingDuration"),
        options.MinimumThroughput < 2 ? $"{StockBreakerOptions.SectionName}:MinimumThroughput must be at least 2 (was {options.MinimumThroughput})." : null,
        Positive(options.BreakDuration, $"{StockBreakerOptions.SectionName}:BreakDuration"));

    public ValidateOptionsResult Validate(string? name, OrderOptions options) => Collect(
        Positive(options.PaymentHold, $"{OrderOptions.SectionName}:PaymentHold"),
        Positive(options.ExpiryReminderPeriod, $"{OrderOptions.SectionName}:ExpiryReminderPeriod"),
        Positive(options.HoldAuditPeriod, $"{OrderOptions.SectionName}:HoldAuditPeriod"),
        options.MaxPaymentAttempts < 1 ? $"{OrderOptions.SectionName}:MaxPaymentAttempts must be at least 1 (was {options.MaxPaymentAttempts})." : null,
        options.MaxLines < 1 ? $"{OrderOptions.SectionName}:MaxLines must be at least 1 (was {options.MaxLines})." : null,
        options.MaxQuantityPerLine < 1 ? $"{OrderOptions.SectionName}:MaxQuantityPerLine must be at least 1 (was {options.MaxQuantityPerLine})." : null);

    public ValidateOptionsResult Validate(string? name, PaymentOptions options) => Collect(
        options.MaxRetries < 0 ? $"{PaymentOptions.SectionName}:MaxRetries must not be negative (was {options.MaxRetries})." : null,
        Positive(options.RetryBaseDelay, $"{PaymentOptions.SectionName}:RetryBaseDelay"),
        Positive(options.AttemptTimeout, $"{PaymentOptions.SectionName}:AttemptTimeout"));

    private static string? Positive(TimeSpan value, string key) =>
        value <= TimeSpan.Zero ? $"{key} must be a positive time span such as 00:00:30 (was {value})." : null;

    private static ValidateOptionsResult Collect(params string?[] failures)
    {
        var messages = failures.Where(f => f is not null).Select(f => f!).ToArray();
        return messages.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(messages);
    }
}
