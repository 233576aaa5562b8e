using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace RunRun.Api.Tests.Accounts;

/// <summary>Tokens minted by the test rather than by the API, to see which ones the API refuses.</summary>
internal static class Tokens
{
    public static string Mint(byte[] key, string subject, string issuer = "runrun", string audience = "runrun-api", string role = "shopper", DateTime? now = null)
    {
        var issuedAt = now ?? TimeProvider.System.GetUtcNow().UtcDateTime;
        var token = new JwtSecurityToken(
            issuer,
            audience,
            [new Claim("sub", subject), new Claim("role", role), new Claim("name", "Minted")],
            notBefore: issuedAt.AddMinutes(-1),
            expires: issuedAt.AddMinutes(30),
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>The development signing key the API made in its data folder.</summary>
    public static byte[] DevelopmentKey(ApiHost host) =>
        Convert.FromBase64String(File.ReadAllText(Path.Combine(host.DataDirectory, "jwt-signing.key")).Trim());
}
