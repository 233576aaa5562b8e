using RunRun.Sales.Shoppers;

namespace RunRun.Sales.Tests.Shoppers;

/// <summary>Sign-ups the shopper tests start from, each with an address of its own.</summary>
internal static class Accounts
{
    public const string Password = "correct horse battery staple";

    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    public static SignUpRequest SignUp(string email) => new(email, "Kim Run", Password, Roles.Shopper);
}
