using RunRun.Sales.Products;

namespace RunRun.Sales.Tests.Products;

/// <summary>A shop that charges some currencies only must not list products it could never be paid for.</summary>
public sealed class ProductCurrencyTests
{
    private static Task<SalesCluster> KrwOnlyAsync() =>
        SalesCluster.StartAsync(b => b.ConfigureSetting("RunRun:Sales:Products:Currencies:0", "KRW"));

    private static ProductDraft Draft(string currency) =>
        new("Keyboard", null, new Money(59_000, currency), ProductKind.General, null, null, 2);

    [Fact]
    public async Task Create_CurrencyTheShopDoesNotCharge_InvalidNamingTheOnesItDoesAndStoresNothing()
    {
        await using var sales = await KrwOnlyAsync();

        var result = await sales.Grains.GetGrain<IProductGrain>("usd").Create(SalesCluster.Seller, Draft("USD"));

        result.Status.ShouldBe(ProductStatus.Invalid);
        result.Errors.Single().ShouldBe(new FieldError("price", "The currency must be one this shop can charge: KRW."));
        (await sales.Grains.GetGrain<IProductGrain>("usd").Get()).ShouldBeNull();
        (await sales.Grains.GetGrain<IProductGrain>("krw").Create(SalesCluster.Seller, Draft("KRW"))).Status.ShouldBe(ProductStatus.Ok);
    }

    [Fact]
    public async Task Update_ToACurrencyTheShopDoesNotCharge_InvalidAndTheProductIsUnchanged()
    {
        await using var sales = await KrwOnlyAsync();
        var product = sales.Grains.GetGrain<IProductGrain>("p");
        var created = await product.Create(SalesCluster.Seller, Draft("KRW"));

        var result = await product.Update(SalesCluster.Seller, Draft("JPY"));

        result.Status.ShouldBe(ProductStatus.Invalid);
        (await product.Get()).ShouldBe(created.Product);
    }
}
