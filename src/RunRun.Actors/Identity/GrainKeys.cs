using System.Globalization;

namespace RunRun.Actors;

/// <summary>How each key kind is written into the string key of a <see cref="GrainId"/>.</summary>
public static class GrainKeys
{
    public static string FromString(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new ArgumentException("A grain key must not be empty.", nameof(key));
        }

        return key;
    }

    public static string FromGuid(Guid key) => key.ToString("N", CultureInfo.InvariantCulture);

    public static string FromInteger(long key) => key.ToString(CultureInfo.InvariantCulture);

    public static Guid ToGuid(string key) =>
        Guid.TryParseExact(key, "N", out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not a Guid key.");

    public static long ToInteger(string key) =>
        long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Grain key '{key}' is not an integer key.");
}
