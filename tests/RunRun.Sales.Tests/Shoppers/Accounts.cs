using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Sales.Shoppers;

namespace RunRun.Sales.Tests.Shoppers;

/// <summary>Sign-ups the shopper tests start from, each with an address of its own.</summary>
internal static class Accounts
{
    public const string Password = "correct horse battery staple";

    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    public static SignUpRequest SignUp(string email) => new(email, "Kim Run", Password, Roles.Shopper);

    /// <summary>What the shopper grain has stored, read straight from the cluster's storage.</summary>
    public static async Task<GrainState<ShopperState>> StoredAsync(TestCluster cluster, IShopperGrain shopper)
    {
        var state = new GrainState<ShopperState>(new ShopperState());
        await cluster.GrainStorage.ReadStateAsync("account", shopper.GetGrainId(), state, CancellationToken.None);
        return state;
    }
}
