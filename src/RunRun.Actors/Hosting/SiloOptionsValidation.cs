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
    public ValidateOptionsResult Validate(string? name, SiloOptions options) => OptionsChecks.Collect(
        string.IsNullOrWhiteSpace(options.ClusterId) ? $"{SiloOptions.SectionName}:ClusterId must not be empty." : null,
        string.IsNullOrWhiteSpace(options.SiloName) ? $"{SiloOptions.SectionName}:SiloName must not be empty." : null);

    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options) => OptionsChecks.Collect(
        [
            OptionsChecks.Positive(options.CollectionAge, $"{GrainCollectionOptions.SectionName}:CollectionAge"),
            OptionsChecks.Positive(options.CollectionQuantum, $"{GrainCollectionOptions.SectionName}:CollectionQuantum"),
            .. options.ClassSpecificCollectionAge.Select(
                age => OptionsChecks.Positive(age.Value, $"{GrainCollectionOptions.SectionName}:ClassSpecificCollectionAge:{age.Key}")),
        ]);

    public ValidateOptionsResult Validate(string? name, MessagingOptions options) => OptionsChecks.Collect(
        OptionsChecks.Positive(options.ResponseTimeout, $"{MessagingOptions.SectionName}:ResponseTimeout"));

    public ValidateOptionsResult Validate(string? name, ReminderOptions options) => OptionsChecks.Collect(
        OptionsChecks.Positive(options.MinimumReminderPeriod, $"{ReminderOptions.SectionName}:MinimumReminderPeriod"),
        OptionsChecks.Positive(options.RefreshReminderListPeriod, $"{ReminderOptions.SectionName}:RefreshReminderListPeriod"));

    public ValidateOptionsResult Validate(string? name, JournalOptions options) => OptionsChecks.Collect(
        OptionsChecks.AtLeast(options.SnapshotInterval, 1, $"{JournalOptions.SectionName}:SnapshotInterval"),
        OptionsChecks.AtLeast(options.MaxWritesInFlight, 1, $"{JournalOptions.SectionName}:MaxWritesInFlight"));
}
