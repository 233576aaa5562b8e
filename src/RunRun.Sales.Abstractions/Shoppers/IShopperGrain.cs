using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Shoppers;

/// <summary>One account, keyed by its normalised (trimmed, lower-case) e-mail address, which is also its user id.</summary>
public interface IShopperGrain : IGrainWithStringKey
{
    Task<AccountResult> SignUp(SignUpRequest request);

    /// <summary>Checks a password against the stored hash (ASP.NET Core Identity's hasher).</summary>
    Task<AccountResult> VerifyPassword(string password);

    [ReadOnly]
    Task<AccountView?> Get();

    /// <summary>Records an order of this shopper (idempotent).</summary>
    Task AddOrder(string orderId);

    [ReadOnly]
    Task<OrderPage> ListOrders(int page, int pageSize);
}
