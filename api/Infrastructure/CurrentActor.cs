using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using RunRun.Sales;

namespace RunRun.Api.Infrastructure;

/// <summary>Reads who is asking from the validated token.</summary>
internal static class CurrentActor
{
    public static Actor Of(ClaimsPrincipal user) => user is ActorPrincipal known ? known.Actor : Read(user);

    public static Actor Read(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? string.Empty;
        var roles = Roles.None;
        foreach (var claim in user.FindAll(TokenIssuer.RoleClaim))
        {
            if (RoleNames.TryParse(claim.Value, out var role))
            {
                roles |= role;
            }
        }

        return new Actor(userId, roles);
    }
}
