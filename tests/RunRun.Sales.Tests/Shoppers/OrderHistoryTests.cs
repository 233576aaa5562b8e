using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Tests.Products;

namespace RunRun.Sales.Tests.Shoppers;

public sealed class OrderHistoryTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private IShopperGrain Shopper(string key) => Cluster.GrainFactory.GetGrain<IShopperGrain>(key);

    private static async Task AddOrdersAsync(IShopperGrain shopper, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await shopper.AddOrder($"o-{i:D3}");
        }
    }

    [Fact]
    public async Task ListOrders_NoOrders_IsAnEmptyFirstPage()
    {
        var page = await Shopper(Accounts.NewEmail()).ListOrders(1, 20);

        page.OrderIds.ShouldBeEmpty();
        (page.Page, page.PageSize, page.Total).ShouldBe((1, 20, 0));
    }

    [Fact]
    public async Task ListOrders_AfterAddOrder_IsNewestFirst()
    {
        var shopper = Shopper(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 3);

        var page = await shopper.ListOrders(1, 10);

        page.OrderIds.ShouldBe(["o-003", "o-002", "o-001"]);
        page.Total.ShouldBe(3);
    }

    [Fact]
    public async Task AddOrder_Repeated_RecordsTheOrderOnceAndWritesNothing()
    {
        var shopper = Shopper(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 2);
        var etag = (await Accounts.StoredAsync(Cluster, shopper)).ETag;

        await shopper.AddOrder("o-001");
        await shopper.AddOrder("o-002");

        var page = await shopper.ListOrders(1, 10);
        page.OrderIds.ShouldBe(["o-002", "o-001"]);
        page.Total.ShouldBe(2);
        ((await Accounts.StoredAsync(Cluster, shopper)).ETag).ShouldBe(etag);
    }

    [Fact]
    public async Task AddOrder_RepeatedConcurrently_RecordsTheOrderOnce()
    {
        var shopper = Shopper(Accounts.NewEmail());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => shopper.AddOrder("o-double-click")));

        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-double-click"]);
    }

    [Fact]
    public async Task AddOrder_IdsDifferingOnlyInCase_AreDifferentOrders()
    {
        var shopper = Shopper(Accounts.NewEmail());

        await shopper.AddOrder("o-abc");
        await shopper.AddOrder("O-ABC");

        (await shopper.ListOrders(1, 10)).Total.ShouldBe(2);
    }

    [Theory]
    [InlineData(1, 10, new[] { 25, 24, 23, 22, 21, 20, 19, 18, 17, 16 })]
    [InlineData(2, 10, new[] { 15, 14, 13, 12, 11, 10, 9, 8, 7, 6 })]
    [InlineData(3, 10, new[] { 5, 4, 3, 2, 1 })]
    [InlineData(4, 10, new int[0])]
    [InlineData(1, 100, new[] { 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 })]
    [InlineData(5, 6, new[] { 1 })]
    [InlineData(7, 4, new[] { 1 })]
    [InlineData(int.MaxValue, 100, new int[0])]
    public async Task ListOrders_Paging_ReturnsThatSliceNewestFirstWithTheTotal(int pageNumber, int pageSize, int[] expected)
    {
        var shopper = Shopper(Accounts.NewEmail());
        await AddOrdersAsync(shopper, 25);

        var page = await shopper.ListOrders(pageNumber, pageSize);

        page.OrderIds.ShouldBe(expected.Select(i => $"o-{i:D3}"));
        page.Page.ShouldBe(pageNumber);
        page.PageSize.ShouldBe(pageSize);
        page.Total.ShouldBe(25);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-1, 10)]
    [InlineData(int.MinValue, 10)]
    [InlineData(1, 0)]
    [InlineData(1, -5)]
    [InlineData(1, 101)]
    [InlineData(1, int.MaxValue)]
    public async Task ListOrders_PageOrSizeOutOfRange_Throws(int pageNumber, int pageSize)
    {
        var shopper = Shopper(Accounts.NewEmail());
        await shopper.AddOrder("o-1");

        await Should.ThrowAsync<ArgumentOutOfRangeException>(shopper.ListOrders(pageNumber, pageSize));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public async Task AddOrder_BlankOrderId_ThrowsAndRecordsNothing(string? orderId)
    {
        var shopper = Shopper(Accounts.NewEmail());

        await Should.ThrowAsync<ArgumentException>(shopper.AddOrder(orderId!));

        (await shopper.ListOrders(1, 10)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task AddOrder_ForAShopperWhoNeverSignedUp_KeepsTheHistoryButNoAccount()
    {
        // A shopper authenticated by an external issuer has orders but no account here.
        var email = Accounts.NewEmail();
        var shopper = Shopper(email);

        await shopper.AddOrder("o-external");

        (await shopper.Get()).ShouldBeNull();
        (await shopper.VerifyPassword(Accounts.Password)).Status.ShouldBe(AccountStatus.NotFound);
        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-external"]);
        (await shopper.SignUp(Accounts.SignUp(email))).Status.ShouldBe(AccountStatus.Ok);
        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-external"]);
    }

    [Fact]
    public async Task History_AfterASiloRestart_IsReadBackInOrder()
    {
        await using var cluster = await ClusterFixture.StartAsync(new FakeTimeProvider());
        var email = Accounts.NewEmail();
        await cluster.GrainFactory.GetGrain<IShopperGrain>(email).SignUp(Accounts.SignUp(email));
        await AddOrdersAsync(cluster.GrainFactory.GetGrain<IShopperGrain>(email), 3);

        await cluster.RestartSiloAsync(cluster.Primary);

        var shopper = cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-003", "o-002", "o-001"]);
        await shopper.AddOrder("o-002");
        (await shopper.ListOrders(1, 10)).Total.ShouldBe(3);
    }

    [Fact]
    public async Task AddOrder_WhenStorageFails_ThrowsAndARetryRecordsTheOrderOnce()
    {
        var (cluster, storage) = await ClusterFixture.StartWithFlakyStorageAsync(new FakeTimeProvider());
        await using var _ = cluster;
        var shopper = cluster.GrainFactory.GetGrain<IShopperGrain>(Accounts.NewEmail());
        await shopper.AddOrder("o-001");
        storage.FailNextWrites(1);

        await Should.ThrowAsync<RemoteGrainException>(shopper.AddOrder("o-002"));

        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-001"]);
        await shopper.AddOrder("o-002");
        (await shopper.ListOrders(1, 10)).OrderIds.ShouldBe(["o-002", "o-001"]);
    }
}
