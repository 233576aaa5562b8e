using System.Security.Cryptography;

namespace RunRun.Api.Infrastructure;

/// <summary>HS256 keys: decoding configured ones, and the development key kept in the data folder.</summary>
internal static class SigningKeys
{
    /// <summary>HS256 needs a key at least as long as its 256-bit hash.</summary>
    public const int MinimumBytes = 32;

    public const string DevelopmentKeyFile = "jwt-signing.key";

    public static bool TryDecode(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written < MinimumBytes)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }

    /// <summary>The configured key, or the one kept in the data folder, made on first start.</summary>
    public static byte[] Resolve(JwtOptions options, string dataDirectory)
    {
        if (TryDecode(options.SigningKey, out var configured))
        {
            return configured;
        }

        var path = Path.Combine(dataDirectory, DevelopmentKeyFile);
        if (File.Exists(path) && TryDecode(File.ReadAllText(path), out var kept))
        {
            return kept;
        }

        var key = RandomNumberGenerator.GetBytes(MinimumBytes * 2);
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            // Whoever reads this file can mint tokens for any account.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
