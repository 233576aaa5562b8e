using System.Security.Cryptography;
using System.Text;

namespace RunRun.Api.Orders;

/// <summary>
/// Order ids derived from the shopper and the Idempotency-Key, so a repeated request reaches the same
/// order grain on any API replica, and one shopper's key can never name another shopper's order.
/// </summary>
internal static class OrderIds
{
    public static string For(string shopperId, string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{shopperId}\n{idempotencyKey}"));
        return "o-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
