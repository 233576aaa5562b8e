using RunRun.Sales.Orders;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

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

    // Products priced before the shop narrowed its currencies keep their terms; ordering one must be
    // refused up front, not fail at every payment and open the product's breaker.
    [Fact]
    public async Task Place_ProductPricedInACurrencyNoLongerCharged_NotOnSaleAndNothingHeld()
    {
        await using var sales = await KrwOnlyAsync();
        await sales.Stock("legacy").Configure(new SaleTerms(null, null, 2, new Money(59_000, "USD")));
        await sales.Stock("legacy").AddStock(5);

        var placed = await sales.Order("o1").Place(new PlaceOrderRequest("s1", [new OrderLine("legacy", 1)], "k"));

        placed.Status.ShouldBe(PlaceStatus.Rejected);
        var refusal = placed.Rejections.Single().Outcome;
        refusal.Status.ShouldBe(ReserveStatus.NotOnSale);
        refusal.Reason.ShouldBe("The product is priced in USD, which this shop no longer charges.");
        (await sales.Order("o1").Get()).ShouldBeNull();
        (await sales.AssertBalancedAsync("legacy")).Available.ShouldBe(5);
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
