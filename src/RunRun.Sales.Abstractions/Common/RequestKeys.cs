namespace RunRun.Sales;

/// <summary>
/// The rule for keys a client chooses (idempotency keys, payment keys): 1 to 200 characters, not
/// blank. One place, so the grains and the HTTP edge refuse the same keys and the OpenAPI document states the same limits.
/// </summary>
public static class RequestKeys
{
    public const int MinLength = 1;
    public const int MaxLength = 200;

    public static bool IsValid(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= MaxLength;

    /// <summary>The message for a missing or bad key, e.g. <c>Required("A payment key")</c>.</summary>
    public static string Required(string what) => $"{what} of {MinLength} to {MaxLength} characters is required.";
}
