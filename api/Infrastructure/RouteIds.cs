namespace RunRun.Api.Infrastructure;

/// <summary>
/// The shape of product and order ids (ASCII letters, digits, '-' and '_', at most 100): a value of
/// another shape names nothing, and is refused before it can activate a grain.
/// </summary>
internal static class RouteIds
{
    public const int MaxLength = 100;

    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
