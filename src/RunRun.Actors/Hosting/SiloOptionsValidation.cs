using Microsoft.Extensions.Options;
using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Hosting;

/// <summary>Start-up checks of the silo options; each message names the configuration key.</summary>
internal sealed class SiloOptionsValidation :
    IValidateOptions<SiloOptions>,
    IValidateOptions<GrainCollectionOptions>,
    IValidateOptions<MessagingOptions>,
    IValidateOptions<ReminderOptions>,
    IValidateOptions<JournalOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options) => Collect(
        string.IsNullOrWhiteSpace(options.ClusterId) ? $"{SiloOptions.SectionName}:ClusterId must not be empty." : null,
        string.IsNullOrWhiteSpace(options.SiloName) ? $"{SiloOptions.SectionName}:SiloName must not be empty." : null);

    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options) => Collect(
        Positive(options.CollectionAge, $"{GrainCollectionOptions.SectionName}:CollectionAge"),
        Positive(options.CollectionQuantum, $"{GrainCollectionOptions.SectionName}:CollectionQuantum"));

    public ValidateOptionsResult Validate(string? name, MessagingOptions options) => Collect(
        Positive(options.ResponseTimeout, $"{MessagingOptions.SectionName}:ResponseTimeout"));

    public ValidateOptionsResult Validate(string? name, ReminderOptions options) => Collect(
        Positive(options.MinimumReminderPeriod, $"{ReminderOptions.SectionName}:MinimumReminderPeriod"),
        Positive(options.RefreshReminderListPeriod, $"{ReminderOptions.SectionName}:RefreshReminderListPeriod"));

    public ValidateOptionsResult Validate(string? name, JournalOptions options) => Collect(
        options.SnapshotInterval < 1 ? $"{JournalOptions.SectionName}:SnapshotInterval must be at least 1 (was {options.SnapshotInterval})." : null);

    private static string? Positive(TimeSpan value, string key) =>
        value <= TimeSpan.Zero ? $"{key} must be a positive time span such as 00:00:30 (was {value})." : null;

    private static ValidateOptionsResult Collect(params string?[] failures)
    {
        var messages = failures.Where(f => f is not null).Select(f => f!).ToArray();
        return messages.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(messages);
    }
}
