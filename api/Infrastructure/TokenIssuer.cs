using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using RunRun.Sales;

namespace RunRun.Api.Infrastructure;

/// <summary>Signs the API's own access tokens (HS256) for an authenticated account.</summary>
internal sealed class TokenIssuer(JwtOptions options, SymmetricSecurityKey key, TimeProvider timeProvider)
{
    public const string RoleClaim = "role";

    private readonly JwtSecurityTokenHandler _handler = new();

    public TimeSpan Lifetime => options.Lifetime;

    public string Issue(string userId, string displayName, Roles roles)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, userId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new("name", displayName),
        };
        claims.AddRange(RoleNames.Of(roles).Select(role => new Claim(RoleClaim, role)));
        var token = new JwtSecurityToken(
            options.Issuer,
            options.Audience,
            claims,
            notBefore: now,
            expires: now + options.Lifetime,
            signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return _handler.WriteToken(token);
    }
}
