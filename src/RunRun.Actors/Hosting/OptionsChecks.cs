using Microsoft.Extensions.Options;

namespace RunRun.Actors.Hosting;

/// <summary>Building blocks for start-up option checks whose messages name the configuration key.</summary>
public static class OptionsChecks
{
    public static string? Positive(TimeSpan value, string key) =>
        value <= TimeSpan.Zero ? $"{key} must be a positive time span such as 00:00:30 (was {value})." : null;

    public static string? AtLeast(int value, int minimum, string key) =>
        value < minimum ? $"{key} must be at least {minimum} (was {value})." : null;

    /// <summary>Success when every check passed, else one failure listing every message.</summary>
    public static ValidateOptionsResult Collect(params string?[] failures)
    {
        var messages = failures.Where(f => f is not null).Select(f => f!).ToArray();
        return messages.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(messages);
    }
}
