using RunRun.Actors.Testing;
using RunRun.Sales.Operations;
using RunRun.Sales.Products;

namespace RunRun.Sales.Tests.Products;

/// <summary>The catalogue has one grain for the whole cluster, so these tests get a cluster of their own.</summary>
public sealed class CatalogGrainTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private TestCluster _cluster = null!;

    private ICatalogGrain Catalog => _cluster.GrainFactory.GetGrain<ICatalogGrain>(ICatalogGrain.Key);

    public async Task InitializeAsync() => _cluster = await ClusterFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task List_AfterCreates_PagesNewestFirstWithTotal()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(General()));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await Catalog.List(new CatalogQuery(1, 2, null, null));
        var third = await Catalog.List(new CatalogQuery(3, 2, null, null));
        var beyond = await Catalog.List(new CatalogQuery(4, 2, null, null));

        first.ProductIds.ShouldBe(new[] { ids[4], ids[3] });
        first.Total.ShouldBe(5);
        third.ProductIds.ShouldBe(new[] { ids[0] });
        beyond.ProductIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task List_ByKindAndOnSaleNow_KeepsOnlyMatchingProducts()
    {
        var general = await CreateAsync(General());
        var upcoming = await CreateAsync(ProductDrafts.TimeDeal() with { SaleStartsAt = _time.GetUtcNow().AddHours(1), SaleEndsAt = null });
        var open = await CreateAsync(ProductDrafts.TimeDeal() with { SaleStartsAt = _time.GetUtcNow().AddMinutes(-1), SaleEndsAt = _time.GetUtcNow().AddHours(1) });

        (await Catalog.List(new CatalogQuery(1, 10, ProductKind.TimeDeal, null))).ProductIds.ShouldBe(new[] { open, upcoming }, ignoreOrder: true);
        (await Catalog.List(new CatalogQuery(1, 10, null, _time.GetUtcNow()))).ProductIds.ShouldBe(new[] { general, open }, ignoreOrder: true);
        (await Catalog.List(new CatalogQuery(1, 10, ProductKind.TimeDeal, _time.GetUtcNow().AddHours(2)))).ProductIds.ShouldBe(new[] { upcoming });
    }

    [Fact]
    public async Task Update_ChangingTheKind_MovesTheProductBetweenFilters()
    {
        var id = await CreateAsync(General());

        await _cluster.GrainFactory.GetGrain<IProductGrain>(id).Update(ProductDrafts.Seller, ProductDrafts.TimeDeal());

        (await Catalog.List(new CatalogQuery(1, 10, ProductKind.General, null))).ProductIds.ShouldBeEmpty();
        (await Catalog.List(new CatalogQuery(1, 10, ProductKind.TimeDeal, null))).ProductIds.ShouldBe(new[] { id });
        (await Catalog.List(new CatalogQuery(1, 10, null, null))).Total.ShouldBe(1);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 0)]
    [InlineData(1, 101)]
    public async Task List_BadPaging_Throws(int page, int pageSize) =>
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => Catalog.List(new CatalogQuery(page, pageSize, null, null)));

    [Fact]
    public async Task Probe_WritesToStorage_AndReturnsTheTime()
    {
        var probed = await _cluster.GrainFactory.GetGrain<IReadinessGrain>("readiness").Probe();

        probed.ShouldBe(_time.GetUtcNow());
    }

    private static ProductDraft General() =>
        ProductDrafts.TimeDeal() with { Kind = ProductKind.General, SaleStartsAt = null, SaleEndsAt = null };

    private async Task<string> CreateAsync(ProductDraft draft)
    {
        var id = ProductDrafts.NewId();
        var result = await _cluster.GrainFactory.GetGrain<IProductGrain>(id).Create(ProductDrafts.Seller, draft);
        result.Status.ShouldBe(ProductStatus.Ok);
        return id;
    }
}
