using Microsoft.Extensions.Options;

namespace RunRun.Actors.AdoNet;

/// <summary>Rejects unusable <see cref="SqliteStorageOptions"/> at start-up, naming the configuration key to fix.</summary>
public sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    private const string Prefix = SqliteStorageOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var hasDataSource = !string.IsNullOrWhiteSpace(options.DataSource);
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (!hasDataSource && !hasConnectionString)
        {
            failures.Add($"{Prefix}{nameof(options.DataSource)} must be set (or {Prefix}{nameof(options.ConnectionString)}).");
        }
        else if (hasDataSource && hasConnectionString)
        {
            failures.Add($"Set either {Prefix}{nameof(options.DataSource)} or {Prefix}{nameof(options.ConnectionString)}, not both.");
        }
        else if (hasDataSource && string.Equals(options.DataSource!.Trim(), ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Prefix}{nameof(options.DataSource)} must be a file: readers and the writer need to share it (use the memory providers instead of ':memory:').");
        }

        if (!Enum.IsDefined(options.Synchronous))
        {
            failures.Add($"{Prefix}{nameof(options.Synchronous)} must be Full, Normal or Off (was {options.Synchronous}).");
        }

        if (options.MaxBatchSize <= 0)
        {
            failures.Add($"{Prefix}{nameof(options.MaxBatchSize)} must be positive (was {options.MaxBatchSize}).");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{Prefix}{nameof(options.BusyTimeout)} must be between 0 and {TimeSpan.FromMilliseconds(int.MaxValue)} (was {options.BusyTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
