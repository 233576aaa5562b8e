using Microsoft.AspNetCore.Identity;
using RunRun.Actors;
using RunRun.Actors.Runtime;

namespace RunRun.Sales.Shoppers;

/// <summary>
/// One account, keyed by its normalised e-mail address, and the shopper's order history. Passwords
/// are hashed with ASP.NET Core Identity's hasher (PBKDF2), so a stolen table does not give them away.
/// </summary>
[CollectionAgeLimit(Minutes = GrainLifetimes.PerOrderMinutes)]
internal sealed class ShopperGrain(
    [PersistentState("account")] IPersistentState<ShopperState> account,
    TimeProvider timeProvider) : Grain, IShopperGrain
{
    public const int MaxPageSize = 100;

    /// <summary>
    /// Order ids per history page; the shopper's own state keeps between one and two pages' worth.
    /// Every order rewrites that state, so this sets the write's size: 20 keeps it near a kilobyte,
    /// well inside one SQLite page, where 100 made a busy shopper's every order write 4 to 7 KB.
    /// </summary>
    public const int HistoryPageSize = 20;

    /// <summary>The page size of histories stored before the state recorded its own.</summary>
    public const int LegacyHistoryPageSize = 100;

    // Stateless apart from its options, so one instance serves every activation.
    private static readonly PasswordHasher<ShopperAccount> Hasher = new();

    private string AccountKey => this.GetPrimaryKeyString();

    /// <summary>
    /// Validates first and answers AlreadyExists only for a valid request: a request sent to the
    /// wrong grain is a caller's error whatever this account holds, and junk does not learn who
    /// has signed up.
    /// </summary>
    public async Task<AccountResult> SignUp(SignUpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (SignUpValidator.Validate(request, AccountKey) is [_, ..] errors)
        {
            return new AccountResult(AccountStatus.Invalid, null, errors);
        }

        if (account.State.Account is not null)
        {
            return Fail(AccountStatus.AlreadyExists);
        }

        var created = new ShopperAccount
        {
            Email = AccountKey,
            DisplayName = request.DisplayName.Trim(),
            Roles = request.Roles | Roles.Shopper,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        created.PasswordHash = Hasher.HashPassword(created, request.Password);
        account.State.Account = created;
        await SaveAsync();
        return Ok(created);
    }

    public async Task<AccountResult> VerifyPassword(string password)
    {
        if (account.State.Account is not { } stored)
        {
            return Fail(AccountStatus.NotFound);
        }

        if (!SignUpValidator.IsPlausiblePassword(password))
        {
            return Fail(AccountStatus.WrongPassword);
        }

        switch (Hasher.VerifyHashedPassword(stored, stored.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return Ok(stored);
            case PasswordVerificationResult.SuccessRehashNeeded:
                // The hash is of an older format or fewer iterations than today's; the password is
                // in hand only now, so this is the moment to upgrade it.
                stored.PasswordHash = Hasher.HashPassword(stored, password);
                await SaveAsync();
                return Ok(stored);
            default:
                return Fail(AccountStatus.WrongPassword);
        }
    }

    public Task<AccountView?> Get() => Task.FromResult(account.State.Account?.ToView());

    /// <summary>
    /// Records the order once: a repeat among the newest <see cref="HistoryPageSize"/> or more
    /// orders (a retried placement comes back within seconds) changes nothing and writes nothing.
    /// </summary>
    public Task AddOrder(string orderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var recent = account.State.OrderIds;
        if (recent.Contains(orderId))
        {
            return Task.CompletedTask;
        }

        var pageSize = account.State.HistoryPageSize = PageSize;
        if (recent.Count >= 2 * pageSize)
        {
            return PageOutAndAddAsync(orderId, pageSize);
        }

        // Every order comes here, and most need no page written first: handing back the write's own
        // task spares a state machine and the continuation that would resume it, per order.
        recent.Add(orderId);
        return SaveAsync();
    }

    private async Task PageOutAndAddAsync(string orderId, int pageSize)
    {
        // The page is durable before the state that no longer holds its ids: a crash in between
        // leaves the ids in both, and the next order stores the same page again.
        var recent = account.State.OrderIds;
        while (recent.Count >= 2 * pageSize)
        {
            await HistoryPage(account.State.PagedOut / pageSize).Store(recent.GetRange(0, pageSize));
            recent.RemoveRange(0, pageSize);
            account.State.PagedOut += pageSize;
        }

        recent.Add(orderId);
        await SaveAsync();
    }

    /// <summary>
    /// A page of order ids, newest first. A page number below 1 or a page size outside 1..100 is
    /// the caller's bug and throws <see cref="ArgumentOutOfRangeException"/> (the API checks query
    /// values and answers 400); a page past the end is empty and still reports the total.
    /// </summary>
    public async Task<OrderPage> ListOrders(int page, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var recent = account.State.OrderIds;
        var pagedOut = account.State.PagedOut;
        var historyPageSize = PageSize;
        var total = pagedOut + recent.Count;
        var skip = (long)(page - 1) * pageSize;
        var take = (int)Math.Clamp(total - skip, 0, pageSize);

        // Newest first: the i-th item is the order placed (total - 1 - skip - i)-th, counting from 0.
        var oldest = total - skip - take;
        var pages = new Dictionary<long, IReadOnlyList<string>>();
        for (var n = oldest / historyPageSize; n * historyPageSize < Math.Min(oldest + take, pagedOut); n++)
        {
            pages[n] = await HistoryPage(n).Get();
        }

        var items = new string[take];
        for (var i = 0; i < take; i++)
        {
            var position = total - 1 - skip - i;
            items[i] = position >= pagedOut
                ? recent[(int)(position - pagedOut)]
                : pages[position / historyPageSize][(int)(position % historyPageSize)];
        }

        return new OrderPage(items, page, pageSize, (int)Math.Min(total, int.MaxValue));
    }

    /// <summary>
    /// The page size this history was written with: its own record, else the legacy size if pages
    /// were already stored without one, else today's size (nothing is paged yet, so any size reads right).
    /// </summary>
    private int PageSize => account.State switch
    {
        { HistoryPageSize: > 0 and var recorded } => recorded,
        { PagedOut: > 0 } => LegacyHistoryPageSize,
        _ => HistoryPageSize,
    };

    private IOrderHistoryPageGrain HistoryPage(long page) =>
        GrainFactory.GetGrain<IOrderHistoryPageGrain>(IOrderHistoryPageGrain.KeyOf(AccountKey, page));

    private static AccountResult Ok(ShopperAccount stored) => new(AccountStatus.Ok, stored.ToView(), []);

    private static AccountResult Fail(AccountStatus status) => new(status, null, []);

    private async Task SaveAsync()
    {
        try
        {
            await account.WriteStateAsync();
        }
        catch
        {
            // The in-memory state is ahead of storage and the write may or may not have landed; a
            // fresh activation reads what storage really holds.
            DeactivateOnIdle();
            throw;
        }
    }
}
