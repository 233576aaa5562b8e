using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Tests.Products;

namespace RunRun.Sales.Tests.Shoppers;

/// <summary>Long histories: older ids move to history pages so recording an order never rewrites them all.</summary>
public sealed class OrderHistoryPagingTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int PageSize = ShopperGrain.HistoryPageSize;

    private TestCluster Cluster => fixture.Cluster;

    public static TheoryData<int, int> Slices => new()
    {
        { 1, 100 }, { 2, 100 }, { 3, 100 }, { 4, 100 }, { 1, 7 }, { 15, 7 }, { 29, 7 }, { 43, 7 }, { 2, 99 }, { 5, 60 },
    };

    [Theory]
    [MemberData(nameof(Slices))]
    public async Task ListOrders_ManyOrders_EverySliceNewestFirstAcrossPages(int page, int pageSize)
    {
        const int Orders = (3 * PageSize) + 1;
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 1, Orders);

        var listed = await shopper.ListOrders(page, pageSize);

        var expected = Enumerable.Range(1, Orders).Reverse().Skip((page - 1) * pageSize).Take(pageSize).Select(Id);
        listed.OrderIds.ShouldBe(expected);
        listed.Total.ShouldBe(Orders);
    }

    [Fact]
    public async Task AddOrder_ManyOrders_StoredStateKeepsAtMostTwoPages()
    {
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(Accounts.NewEmail());

        await AddOrdersAsync(shopper, 1, (5 * PageSize) + 3);

        var stored = await StoredAsync(shopper);
        stored.OrderIds.Count.ShouldBeInRange(PageSize, (2 * PageSize) - 1);
        (stored.PagedOut + stored.OrderIds.Count).ShouldBe((5 * PageSize) + 3);
        stored.HistoryPageSize.ShouldBe(PageSize);
    }

    [Fact]
    public async Task AddOrder_RepeatOfTheLastPagesOrder_RecordsNothing()
    {
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 1, (2 * PageSize) + 1);

        // The first page has just moved out; the newest page's orders are still recognised.
        for (var i = PageSize + 1; i <= (2 * PageSize) + 1; i++)
        {
            await shopper.AddOrder(Id(i));
        }

        (await shopper.ListOrders(1, 1)).Total.ShouldBe((2 * PageSize) + 1);
    }

    [Fact]
    public async Task ListOrders_StateWrittenBeforePages_ReadsEveryIdAndPagesThemOutAtTheNextOrder()
    {
        var email = Accounts.NewEmail();
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        const int Orders = 405;
        var legacy = new ShopperState { OrderIds = [.. Enumerable.Range(1, Orders).Select(Id)] };
        await Cluster.GrainStorage.WriteStateAsync("account", shopper.GetGrainId(), new GrainState<ShopperState>(legacy), CancellationToken.None);

        (await shopper.ListOrders(5, 100)).OrderIds.ShouldBe(Enumerable.Range(1, 5).Reverse().Select(Id));
        await shopper.AddOrder(Id(Orders + 1));

        (await StoredAsync(shopper)).OrderIds.Count.ShouldBeLessThan(2 * PageSize);
        (await AllOrdersAsync(shopper)).ShouldBe(Enumerable.Range(1, Orders + 1).Reverse().Select(Id));
    }

    [Fact]
    public async Task History_PagedBeforeTheStateRecordedItsPageSize_KeepsTheLegacyLayout()
    {
        const int Legacy = ShopperGrain.LegacyHistoryPageSize;
        var email = Accounts.NewEmail();
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        await Cluster.GrainFactory.GetGrain<IOrderHistoryPageGrain>(IOrderHistoryPageGrain.KeyOf(email, 0)).Store([.. Enumerable.Range(1, Legacy).Select(Id)]);
        var legacy = new ShopperState { PagedOut = Legacy, OrderIds = [.. Enumerable.Range(Legacy + 1, (2 * Legacy) - 1).Select(Id)] };
        await Cluster.GrainStorage.WriteStateAsync("account", shopper.GetGrainId(), new GrainState<ShopperState>(legacy), CancellationToken.None);
        (await AllOrdersAsync(shopper)).ShouldBe(Enumerable.Range(1, (3 * Legacy) - 1).Reverse().Select(Id));

        // The second of these moves the oldest legacy-sized slice of the state out to page 1.
        await AddOrdersAsync(shopper, 3 * Legacy, (3 * Legacy) + 1);

        var stored = await StoredAsync(shopper);
        stored.HistoryPageSize.ShouldBe(Legacy);
        stored.PagedOut.ShouldBe(2 * Legacy);
        (await AllOrdersAsync(shopper)).ShouldBe(Enumerable.Range(1, (3 * Legacy) + 1).Reverse().Select(Id));
    }

    [Fact]
    public async Task History_ManyOrdersAfterASiloRestart_IsReadBackInOrder()
    {
        await using var cluster = await ClusterFixture.StartAsync(new FakeTimeProvider());
        var email = Accounts.NewEmail();
        await AddOrdersAsync(cluster.GrainFactory.GetGrain<IShopperGrain>(email), 1, (2 * PageSize) + 10);

        await cluster.RestartSiloAsync(cluster.Primary);

        var shopper = cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        (await shopper.ListOrders(3, PageSize)).OrderIds.ShouldBe(Enumerable.Range(1, 10).Reverse().Select(Id));
        (await shopper.ListOrders(1, 1)).OrderIds.ShouldBe([Id((2 * PageSize) + 10)]);
        (await AllOrdersAsync(shopper)).ShouldBe(Enumerable.Range(1, (2 * PageSize) + 10).Reverse().Select(Id));
    }

    [Fact]
    public async Task AddOrder_WhenThePageWriteFails_ThrowsAndARetryRecordsEveryOrderOnce()
    {
        var (cluster, storage) = await ClusterFixture.StartWithFlakyStorageAsync(new FakeTimeProvider());
        await using var _ = cluster;
        var shopper = cluster.GrainFactory.GetGrain<IShopperGrain>(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 1, 2 * PageSize);
        storage.FailNextWrites(1);

        // This order moves the first page out, and that page's write fails.
        await Should.ThrowAsync<RemoteGrainException>(shopper.AddOrder(Id((2 * PageSize) + 1)));

        await shopper.AddOrder(Id((2 * PageSize) + 1));
        (await AllOrdersAsync(shopper)).ShouldBe(Enumerable.Range(1, (2 * PageSize) + 1).Reverse().Select(Id));
    }

    private static string Id(int i) => $"o-{i:D4}";

    private static async Task AddOrdersAsync(IShopperGrain shopper, int from, int to)
    {
        for (var i = from; i <= to; i++)
        {
            await shopper.AddOrder(Id(i));
        }
    }

    private static async Task<List<string>> AllOrdersAsync(IShopperGrain shopper)
    {
        var all = new List<string>();
        for (var page = 1; ; page++)
        {
            var listed = await shopper.ListOrders(page, ShopperGrain.MaxPageSize);
            if (listed.OrderIds.Count == 0)
            {
                return all;
            }

            all.AddRange(listed.OrderIds);
        }
    }

    private async Task<ShopperState> StoredAsync(IShopperGrain shopper) => (await Accounts.StoredAsync(Cluster, shopper)).State;
}
