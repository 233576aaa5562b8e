using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Sales;
using RunRun.Sales.Shoppers;

namespace RunRun.Api.Accounts;

/// <summary>Sign up, get a token, and who am I.</summary>
internal static class AccountEndpoints
{
    // Anyone may open a shopper or seller account; operators come only from configuration.
    private const Roles SelfServiceRoles = Roles.Shopper | Roles.Seller;

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/accounts", SignUpAsync).WithTags("Accounts").WithName("SignUp")
            .WithSummary("Open an account (shopper by default; seller on request).")
            .ProducesProblems(ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.Forbidden, ProblemCodes.AccountExists)
            .ProducesServerProblems();
        routes.MapPost("/api/auth/token", IssueTokenAsync).WithTags("Accounts").WithName("GetToken")
            .WithSummary("Exchange e-mail and password for a bearer token.")
            .ProducesProblems(ProblemCodes.ValidationFailed, ProblemCodes.PayloadTooLarge, ProblemCodes.InvalidCredentials).ProducesServerProblems();
        routes.MapGet("/api/accounts/me", WhoAmIAsync).WithTags("Accounts").WithName("WhoAmI").RequireAuthorization()
            .WithSummary("The signed-in account.").ProducesProblems(ProblemCodes.Unauthorized, ProblemCodes.NotFound).ProducesServerProblems();
        return routes;
    }

    public static AccountResponse ToResponse(AccountView account) =>
        new(account.UserId, account.Email, account.DisplayName, RoleNames.Of(account.Roles), account.CreatedAt);

    private static async Task<Results<Created<AccountResponse>, ApiProblem>> SignUpAsync(SignUpBody? body, IGrainFactory grains)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Email) || body.Email.Length > EmailAddress.MaxLength)
        {
            return ApiProblem.Validation("email", $"An e-mail address of at most {EmailAddress.MaxLength} characters is required.");
        }

        var roles = Roles.None;
        foreach (var name in body.Roles ?? ["shopper"])
        {
            if (!RoleNames.TryParse(name, out var role))
            {
                return ApiProblem.Validation("roles", "Roles must be \"shopper\" or \"seller\".");
            }

            roles |= role;
        }

        if ((roles & ~SelfServiceRoles) != 0)
        {
            return ApiProblem.Forbidden("Operator accounts are not opened by sign-up.");
        }

        var result = await grains.GetGrain<IShopperGrain>(EmailAddress.Normalize(body.Email))
            .SignUp(new SignUpRequest(body.Email, body.DisplayName ?? string.Empty, body.Password ?? string.Empty, roles == Roles.None ? Roles.Shopper : roles));
        return result.Status switch
        {
            AccountStatus.Ok => TypedResults.Created("/api/accounts/me", ToResponse(result.Account!)),
            AccountStatus.AlreadyExists => ApiProblem.Create(ProblemCodes.AccountExists,
                "An account with this e-mail exists already."),
            _ => ApiProblem.Validation(result.Errors.Select(error => (error.Field, error.Message))),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, ApiProblem>> IssueTokenAsync(TokenBody? body, IGrainFactory grains, TokenIssuer tokens)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Email) || string.IsNullOrEmpty(body.Password) || body.Email.Length > EmailAddress.MaxLength)
        {
            return ApiProblem.Validation("email", "An e-mail address and a password are required.");
        }

        var result = await grains.GetGrain<IShopperGrain>(EmailAddress.Normalize(body.Email)).VerifyPassword(body.Password);
        if (result.Status != AccountStatus.Ok)
        {
            // One answer for an unknown address and a wrong password, so the token endpoint does not reveal who has an account.
            return ApiProblem.Create(ProblemCodes.InvalidCredentials, "The e-mail or password is wrong.");
        }

        var account = result.Account!;
        return TypedResults.Ok(new TokenResponse(tokens.Issue(account.UserId, account.DisplayName, account.Roles), "Bearer", (long)tokens.Lifetime.TotalSeconds));
    }

    private static async Task<Results<Ok<AccountResponse>, ApiProblem>> WhoAmIAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var actor = CurrentActor.Of(user);
        var account = await grains.GetGrain<IShopperGrain>(actor.UserId).Get();
        return account is null ? ApiProblem.NotFound("account") : TypedResults.Ok(ToResponse(account));
    }
}
