using RunRun.Actors.Testing;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Products;

public sealed class ProductUpdateTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private IProductGrain Product(string id) => Cluster.GrainFactory.GetGrain<IProductGrain>(id);

    private Task<StockSnapshot> Stock(string id) => Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot();

    private static ProductDraft Edited() => ProductDrafts.TimeDeal() with
    {
        Name = "Limited sneakers, second drop",
        Description = "Restocked.",
        Price = Money.Krw(99_000),
        SaleStartsAt = ProductDrafts.Opens.AddDays(1),
        SaleEndsAt = ProductDrafts.Opens.AddDays(1).AddHours(1),
        PerShopperLimit = 1,
    };

    private async Task<(string Id, ProductInfo Created)> CreateAsync()
    {
        var id = ProductDrafts.NewId();
        var created = await Product(id).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal());
        created.Status.ShouldBe(ProductStatus.Ok);
        return (id, created.Product!);
    }

    [Fact]
    public async Task Update_BySeller_ReplacesTheDataAndKeepsSellerAndCreation()
    {
        var (id, created) = await CreateAsync();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var draft = Edited();

        var result = await Product(id).Update(ProductDrafts.Seller, draft);

        result.Status.ShouldBe(ProductStatus.Ok);
        var expected = new ProductInfo(
            id, created.SellerId, draft.Name, draft.Description!, draft.Price, draft.Kind, draft.SaleStartsAt, draft.SaleEndsAt,
            draft.PerShopperLimit, created.CreatedAt, created.CreatedAt.AddMinutes(5));
        result.Product.ShouldBe(expected);
        (await Product(id).Get()).ShouldBe(expected);
    }

    [Fact]
    public async Task Update_PushesTheNewTermsToTheStockGrain()
    {
        var (id, _) = await CreateAsync();
        var draft = Edited();

        await Product(id).Update(ProductDrafts.Seller, draft);

        (await Stock(id)).Terms.ShouldBe(new SaleTerms(draft.SaleStartsAt, draft.SaleEndsAt, draft.PerShopperLimit, draft.Price));
    }

    [Fact]
    public async Task Update_ByOperator_IsAllowedAndTheSellerStays()
    {
        var (id, created) = await CreateAsync();

        var result = await Product(id).Update(ProductDrafts.Operator, Edited());

        result.Status.ShouldBe(ProductStatus.Ok);
        result.Product!.SellerId.ShouldBe(created.SellerId);
    }

    [Fact]
    public async Task Update_UnknownProduct_IsNotFoundAndCreatesNothing()
    {
        var id = ProductDrafts.NewId();

        var result = await Product(id).Update(ProductDrafts.Seller, Edited());

        result.Status.ShouldBe(ProductStatus.NotFound);
        (await Product(id).Get()).ShouldBeNull();
        (await Stock(id)).Terms.ShouldBeNull();
    }

    public static TheoryData<string> ForbiddenEditors() => ["another seller", "a shopper", "the seller without the seller role", "the seller's id in another case", "an operator without a user id"];

    [Theory]
    [MemberData(nameof(ForbiddenEditors))]
    public async Task Update_ByAnyoneButTheSellerOrAnOperator_IsForbiddenAndChangesNothing(string who)
    {
        var actor = who switch
        {
            "another seller" => ProductDrafts.OtherSeller,
            "a shopper" => ProductDrafts.Shopper,
            "the seller without the seller role" => ProductDrafts.Seller with { Roles = Roles.Shopper },
            "the seller's id in another case" => ProductDrafts.Seller with { UserId = ProductDrafts.Seller.UserId.ToUpperInvariant() },
            _ => ProductDrafts.Operator with { UserId = " " },
        };
        var (id, created) = await CreateAsync();
        var termsBefore = (await Stock(id)).Terms;

        var result = await Product(id).Update(actor, Edited());

        result.Status.ShouldBe(ProductStatus.Forbidden);
        result.Product.ShouldBeNull();
        (await Product(id).Get()).ShouldBe(created);
        (await Stock(id)).Terms.ShouldBe(termsBefore);
    }

    [Theory]
    [MemberData(nameof(InvalidDraftCases))]
    public async Task Update_InvalidDraft_IsRefusedNamingTheFieldAndChangesNothing(string rule)
    {
        var (change, field) = InvalidDrafts.Cases[rule];
        var (id, created) = await CreateAsync();
        var termsBefore = (await Stock(id)).Terms;
        fixture.Time.Advance(TimeSpan.FromSeconds(1));

        var result = await Product(id).Update(ProductDrafts.Seller, change(Edited()));

        result.Status.ShouldBe(ProductStatus.Invalid);
        result.Errors.Select(e => e.Field).ShouldBe([field]);
        (await Product(id).Get()).ShouldBe(created);
        (await Stock(id)).Terms.ShouldBe(termsBefore);
    }

    public static TheoryData<string> InvalidDraftCases() => [.. InvalidDrafts.Cases.Keys];

    [Fact]
    public async Task Update_WithTheSameDraft_PushesTheStoredTermsAgain()
    {
        // The repair for a push that failed after the product was stored.
        var (id, _) = await CreateAsync();
        var draft = ProductDrafts.TimeDeal();
        await Product(id).Update(ProductDrafts.Seller, draft);

        var result = await Product(id).Update(ProductDrafts.Seller, draft);

        result.Status.ShouldBe(ProductStatus.Ok);
        (await Stock(id)).Terms.ShouldBe(new SaleTerms(draft.SaleStartsAt, draft.SaleEndsAt, draft.PerShopperLimit, draft.Price));
    }

    [Fact]
    public async Task Update_ToAGeneralProductWithoutWindow_ClearsTheWindowInTheStock()
    {
        var (id, _) = await CreateAsync();

        await Product(id).Update(ProductDrafts.Seller, Edited() with { Kind = ProductKind.General, SaleStartsAt = null, SaleEndsAt = null });

        (await Stock(id)).Terms.ShouldBe(new SaleTerms(null, null, 1, Money.Krw(99_000)));
    }
}
