using RunRun.Actors;
using RunRun.Actors.Testing;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Products;

public sealed class ProductDurabilityTests
{
    [Fact]
    public async Task Product_AfterASiloRestart_IsReadBackAsStored()
    {
        await using var cluster = await ClusterFixture.StartAsync(new FakeTimeProvider());
        var id = ProductDrafts.NewId();
        var created = (await cluster.GrainFactory.GetGrain<IProductGrain>(id).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal())).Product;

        await cluster.RestartSiloAsync(cluster.Primary);

        (await cluster.GrainFactory.GetGrain<IProductGrain>(id).Get()).ShouldBe(created);
        (await cluster.GrainFactory.GetGrain<IProductGrain>(id).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal())).Status
            .ShouldBe(ProductStatus.AlreadyExists);
    }

    [Fact]
    public async Task Create_WhenStorageFails_ThrowsLeavesNothingBehindAndCanBeRetried()
    {
        var (cluster, storage) = await ClusterFixture.StartWithFlakyStorageAsync(new FakeTimeProvider());
        await using var _ = cluster;
        var id = ProductDrafts.NewId();
        var product = cluster.GrainFactory.GetGrain<IProductGrain>(id);
        storage.FailNextWrites(1);

        var error = await Should.ThrowAsync<RemoteGrainException>(product.Create(ProductDrafts.Seller, ProductDrafts.TimeDeal()));

        error.OriginalTypeName.ShouldBe(typeof(IOException).FullName);
        (await product.Get()).ShouldBeNull();
        (await cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot()).Terms.ShouldBeNull();
        (await product.Create(ProductDrafts.Seller, ProductDrafts.TimeDeal())).Status.ShouldBe(ProductStatus.Ok);
    }

    [Fact]
    public async Task Update_WhenStorageFails_ThrowsAndKeepsTheStoredProduct()
    {
        var (cluster, storage) = await ClusterFixture.StartWithFlakyStorageAsync(new FakeTimeProvider());
        await using var _ = cluster;
        var product = cluster.GrainFactory.GetGrain<IProductGrain>(ProductDrafts.NewId());
        var created = (await product.Create(ProductDrafts.Seller, ProductDrafts.TimeDeal())).Product;
        storage.FailNextWrites(1);

        await Should.ThrowAsync<RemoteGrainException>(product.Update(ProductDrafts.Seller, ProductDrafts.TimeDeal() with { Name = "Lost edit" }));

        (await product.Get()).ShouldBe(created);
    }
}
