using RunRun.Actors;
using RunRun.Sales;
using RunRun.Sales.Products;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// The demo shop (RunRun:Api:DemoCatalog): a seller, three general products and a time deal that
/// opens a minute after the first start, with fixed ids so the README's curl lines work. Products
/// that exist already are left as they are, so a restart neither duplicates nor restocks them; one
/// that never got its stock (the process stopped in between) gets it on the next start. The one
/// exception is a time deal whose hour is over: a start reopens it a minute later, with its units
/// back if it sold out, so that a demo started again the next day still has a deal to race for.
/// </summary>
internal sealed partial class DemoCatalog(IGrainFactory grains, TimeProvider timeProvider, ILogger<DemoCatalog> logger) : IHostedService
{
    public const string SellerEmail = "demo-seller@runrun.local";
    public const string SellerPassword = "demo-seller-password";

    private const string InitialStockKey = "demo-initial-stock";
    private const string TimeDealId = "demo-headphones";
    private const long TimeDealStock = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seller = grains.GetGrain<IShopperGrain>(SellerEmail);
        await seller.SignUp(new SignUpRequest(SellerEmail, "Demo Seller", SellerPassword, Roles.Seller));
        var actor = new Actor(SellerEmail, Roles.Seller);
        var opensAt = timeProvider.GetUtcNow().AddMinutes(1);
        (string Id, ProductDraft Draft, long Stock)[] products =
        [
            ("demo-coffee", new ProductDraft("Coffee beans, 1 kg", "Single origin, roasted this week.", Money.Krw(18_000), ProductKind.General, null, null, 5), 100),
            ("demo-keyboard", new ProductDraft("Mechanical keyboard", "Tenkeyless, brown switches.", Money.Krw(89_000), ProductKind.General, null, null, 2), 50),
            ("demo-cable", new ProductDraft("USB-C cable, 2 m", null, Money.Krw(9_900), ProductKind.General, null, null, 10), 500),
            (TimeDealId, new ProductDraft("Flash deal: noise-cancelling headphones", "Ten units at half price.", Money.Krw(99_000), ProductKind.TimeDeal, opensAt, opensAt.AddHours(1), 1), TimeDealStock),
        ];
        var created = 0;
        foreach (var (id, draft, stock) in products)
        {
            var result = await grains.GetGrain<IProductGrain>(id).Create(actor, draft);
            created += result.Status == ProductStatus.Ok ? 1 : 0;
            // Keyed, so two replicas starting together stock each product once.
            if (result.Status is ProductStatus.Ok or ProductStatus.AlreadyExists
                && (await grains.GetGrain<IStockGrain>(id).GetSnapshot()).TotalAdded == 0)
            {
                await grains.GetGrain<IStockGrain>(id).AddStockOnce(InitialStockKey, stock);
            }
        }

        LogLoaded(logger, created, products.Length);
        await ReopenTimeDealIfOverAsync(actor, opensAt);
    }

    private async Task ReopenTimeDealIfOverAsync(Actor actor, DateTimeOffset opensAt)
    {
        var deal = grains.GetGrain<IProductGrain>(TimeDealId);
        if (await deal.Get() is not { SaleEndsAt: { } endedAt } product || endedAt > timeProvider.GetUtcNow())
        {
            return;
        }

        // Only the window moves: whatever else the demo seller changed stays.
        var reopened = await deal.Update(actor, new ProductDraft(
            product.Name, product.Description, product.Price, product.Kind, opensAt, opensAt.AddHours(1), product.PerShopperLimit));
        if (reopened.Status != ProductStatus.Ok)
        {
            return;
        }

        // Keyed by the window that ended, which every replica starting now sees alike: stocked once.
        var stock = grains.GetGrain<IStockGrain>(TimeDealId);
        if ((await stock.GetSnapshot()).Available == 0)
        {
            await stock.AddStockOnce($"demo-reopened-after-{endedAt.UtcTicks}", TimeDealStock);
        }

        LogReopened(logger, TimeDealId, opensAt);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Demo catalogue: {Created} of its {Count} products created now (the others were kept from an earlier start); the time deal opens a minute after its creation")]
    private static partial void LogLoaded(ILogger logger, int created, int count);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Demo catalogue: the time deal {ProductId} had closed; it opens again at {OpensAt:u}")]
    private static partial void LogReopened(ILogger logger, string productId, DateTimeOffset opensAt);
}
