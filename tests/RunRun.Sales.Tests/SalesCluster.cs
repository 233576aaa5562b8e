using RunRun.Actors;
using RunRun.Actors.Testing;
using RunRun.Sales.Hosting;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments.Gateways;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests;

/// <summary>A test cluster with the sale's grains, a fake clock and the shared helpers tests need.</summary>
internal static class SalesClusterBuilderExtensions
{
    /// <summary>Deterministic payment retries (no jitter), so tests can see the exponential delays.</summary>
    public static TestClusterBuilder ConfigureSettingsForSales(this TestClusterBuilder builder) =>
        builder.ConfigureSetting("RunRun:Sales:Payments:UseJitter", "false");
}

internal sealed class SalesCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private SalesCluster(TestCluster cluster, FakeTimeProvider time)
    {
        Cluster = cluster;
        Time = time;
    }

    public TestCluster Cluster { get; }

    public FakeTimeProvider Time { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static Actor Seller { get; } = new("seller@runrun.test", Roles.Seller | Roles.Shopper);

    public static async Task<SalesCluster> StartAsync(Action<TestClusterBuilder>? configure = null)
    {
        var time = new FakeTimeProvider(Start);
        var builder = new TestClusterBuilder()
            .AddSerializerContext(SalesJsonContext.Default)
            .UseTimeProvider(time)
            .ConfigureSettingsForSales()
            .ConfigureSilo(silo => silo.AddSales().AddSimulatedPaymentGateway());
        configure?.Invoke(builder);
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SalesCluster(cluster, time);
    }

    /// <summary>The silo's payment simulator, to count what reached the gateway.</summary>
    public PaymentSimulator Gateway => Cluster.Primary.GetRequiredService<PaymentSimulator>();

    public IStockGrain Stock(string productId) => Grains.GetGrain<IStockGrain>(productId);

    public IOrderGrain Order(string orderId) => Grains.GetGrain<IOrderGrain>(orderId);

    /// <summary>Moves fake time forward in small steps until <paramref name="pending"/> finishes; fails if it has not after <paramref name="maxSteps"/>.</summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> pending, TimeSpan step, int maxSteps = 2_000)
    {
        for (var i = 0; i < maxSteps && !pending.IsCompleted; i++)
        {
            await Task.Delay(2);
            Time.Advance(step);
        }

        // Grain calls time out on the fake clock too: once it stops moving, a call still waiting would
        // wait for ever, so a regression that delays it past the steps must fail here, not hang.
        await Task.WhenAny(pending, Task.Delay(TimeSpan.FromSeconds(10)));
        return pending.IsCompleted
            ? await pending
            : throw new TimeoutException($"Still pending after {maxSteps} steps of {step} of fake time.");
    }

    /// <summary>Moves fake time on a minute at a time, pausing after each so every reminder due on the way fires in turn.</summary>
    public async Task AdvanceMinutesAsync(int minutes)
    {
        for (var minute = 0; minute < minutes; minute++)
        {
            Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Moves fake time on a minute at a time until <paramref name="condition"/> holds, for reminders
    /// whose tick may come late under load (a late one can miss its turn until the next period).
    /// </summary>
    public async Task AdvanceMinutesUntilAsync(Func<Task<bool>> condition, int maxMinutes, string what)
    {
        for (var minute = 0; !await condition(); minute++)
        {
            if (minute == maxMinutes)
            {
                throw new TimeoutException($"Not within {maxMinutes} minutes of fake time: {what}");
            }

            Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }
    }

    /// <summary>A product on sale now (General) with <paramref name="stock"/> units.</summary>
    public async Task<string> CreateProductAsync(string productId, long stock, int perShopperLimit = 10, long price = 10_000, ProductKind kind = ProductKind.General, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, string currency = "KRW")
    {
        var result = await Grains.GetGrain<IProductGrain>(productId).Create(
            Seller,
            new ProductDraft("Item " + productId, "A test product", new Money(price, currency), kind, startsAt, endsAt, perShopperLimit));
        result.Status.ShouldBe(ProductStatus.Ok, string.Join("; ", result.Errors.Select(e => e.Message)));
        if (stock > 0)
        {
            await Stock(productId).AddStock(stock);
        }

        return productId;
    }

    /// <summary>Completed checkouts (reserved, then confirmed), each by a shopper of its own: the successes the breaker samples.</summary>
    public async Task ConfirmSalesAsync(string productId, int count, string prefix)
    {
        for (var i = 0; i < count; i++)
        {
            (await Stock(productId).Reserve(new ReserveRequest($"{prefix}-{i}", $"{prefix}-shopper-{i}", 1))).Status.ShouldBe(ReserveStatus.Reserved);
            (await Stock(productId).Confirm($"{prefix}-{i}")).ShouldBe(HoldChange.Applied);
        }
    }

    /// <summary>Checks DESIGN invariant 1 and 2 for a quiet product.</summary>
    public async Task<StockSnapshot> AssertBalancedAsync(string productId)
    {
        var snapshot = await Stock(productId).GetSnapshot();
        (snapshot.Available + snapshot.Reserved + snapshot.Sold).ShouldBe(snapshot.TotalAdded);
        snapshot.Available.ShouldBeGreaterThanOrEqualTo(0);
        snapshot.Reserved.ShouldBeGreaterThanOrEqualTo(0);
        snapshot.Sold.ShouldBeLessThanOrEqualTo(snapshot.TotalAdded);
        return snapshot;
    }

    /// <summary>Waits (bounded) for something background work will make true.</summary>
    public static Task Eventually(Func<Task<bool>> condition, string what) => RunRun.Actors.Testing.Eventually.TrueAsync(condition, what);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
