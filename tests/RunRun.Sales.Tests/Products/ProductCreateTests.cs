using RunRun.Actors;
using RunRun.Actors.Testing;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Tests.Products;

public sealed class ProductCreateTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private IProductGrain Product(string id) => Cluster.GrainFactory.GetGrain<IProductGrain>(id);

    [Fact]
    public async Task Create_BySeller_StoresTheDraftWithSellerAndTimestamps()
    {
        var id = ProductDrafts.NewId();
        var draft = ProductDrafts.TimeDeal();
        var now = fixture.Time.GetUtcNow();

        var result = await Product(id).Create(ProductDrafts.Seller, draft);

        result.Status.ShouldBe(ProductStatus.Ok);
        result.Errors.ShouldBeEmpty();
        var expected = new ProductInfo(
            id, ProductDrafts.Seller.UserId, draft.Name, draft.Description!, draft.Price, draft.Kind,
            draft.SaleStartsAt, draft.SaleEndsAt, draft.PerShopperLimit, now, now);
        result.Product.ShouldBe(expected);
        (await Product(id).Get()).ShouldBe(expected);
    }

    [Fact]
    public async Task Create_ByOperator_MakesTheOperatorTheSeller()
    {
        var id = ProductDrafts.NewId();

        var result = await Product(id).Create(ProductDrafts.Operator, ProductDrafts.TimeDeal());

        result.Status.ShouldBe(ProductStatus.Ok);
        result.Product!.SellerId.ShouldBe(ProductDrafts.Operator.UserId);
    }

    [Fact]
    public async Task Create_PushesTheTermsToTheStockGrain()
    {
        var id = ProductDrafts.NewId();
        var draft = ProductDrafts.TimeDeal();

        await Product(id).Create(ProductDrafts.Seller, draft);

        var snapshot = await Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot();
        snapshot.Terms.ShouldBe(new SaleTerms(draft.SaleStartsAt, draft.SaleEndsAt, draft.PerShopperLimit, draft.Price));
    }

    [Theory]
    [InlineData(Roles.Shopper)]
    [InlineData(Roles.None)]
    public async Task Create_ByNeitherSellerNorOperator_IsForbiddenAndStoresNothing(Roles roles)
    {
        var id = ProductDrafts.NewId();

        var result = await Product(id).Create(new Actor("someone@example.com", roles), ProductDrafts.TimeDeal());

        result.Status.ShouldBe(ProductStatus.Forbidden);
        result.Product.ShouldBeNull();
        (await Product(id).Get()).ShouldBeNull();
        (await Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot()).Terms.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_BySellerWithoutUserId_IsForbidden(string userId)
    {
        var result = await Product(ProductDrafts.NewId()).Create(new Actor(userId, Roles.Seller), ProductDrafts.TimeDeal());

        result.Status.ShouldBe(ProductStatus.Forbidden);
    }

    [Fact]
    public async Task Create_WhenTheProductExists_IsRefusedAndKeepsTheFirst()
    {
        var id = ProductDrafts.NewId();
        var first = (await Product(id).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal())).Product;

        var result = await Product(id).Create(ProductDrafts.OtherSeller, ProductDrafts.TimeDeal() with { Name = "Impostor", PerShopperLimit = 9 });

        result.Status.ShouldBe(ProductStatus.AlreadyExists);
        result.Product.ShouldBeNull();
        (await Product(id).Get()).ShouldBe(first);
        (await Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot()).Terms!.PerShopperLimit.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(InvalidDraftCases))]
    public async Task Create_InvalidDraft_IsRefusedNamingTheFieldAndStoresNothing(string rule)
    {
        var (change, field) = InvalidDrafts.Cases[rule];
        var id = ProductDrafts.NewId();

        var result = await Product(id).Create(ProductDrafts.Seller, change(ProductDrafts.TimeDeal()));

        result.Status.ShouldBe(ProductStatus.Invalid);
        result.Product.ShouldBeNull();
        result.Errors.Select(e => e.Field).ShouldBe([field]);
        result.Errors[0].Message.ShouldNotBeNullOrWhiteSpace();
        (await Product(id).Get()).ShouldBeNull();
        (await Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot()).Terms.ShouldBeNull();
    }

    public static TheoryData<string> InvalidDraftCases() => [.. InvalidDrafts.Cases.Keys];

    [Fact]
    public async Task Create_InProcessWithALoneSurrogateInTheName_IsInvalid()
    {
        // Drafts are [Immutable], so a caller in the silo's process (the co-hosted API) hands the
        // string over as it is; across the gateway the JSON writer has already replaced the surrogate.
        var product = Cluster.Primary.GetRequiredService<IGrainFactory>().GetGrain<IProductGrain>(ProductDrafts.NewId());

        var result = await product.Create(ProductDrafts.Seller, ProductDrafts.TimeDeal() with { Name = "Sneakers \uD83D" });

        result.Status.ShouldBe(ProductStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        (await product.Get()).ShouldBeNull();
    }

    [Fact]
    public async Task Create_SeveralInvalidFields_ReportsEachOne()
    {
        var draft = new ProductDraft(" ", new string('d', 4_001), new Money(-1, "won"), ProductKind.TimeDeal, null, null, 0);

        var result = await Product(ProductDrafts.NewId()).Create(ProductDrafts.Seller, draft);

        result.Status.ShouldBe(ProductStatus.Invalid);
        result.Errors.Select(e => e.Field).Distinct().ShouldBe(["name", "description", "price", "saleStartsAt", "perShopperLimit"], ignoreOrder: true);
    }

    [Fact]
    public async Task Create_InvalidDraftFromAShopper_IsForbiddenRatherThanInvalid()
    {
        var result = await Product(ProductDrafts.NewId()).Create(ProductDrafts.Shopper, ProductDrafts.TimeDeal() with { Name = "" });

        result.Status.ShouldBe(ProductStatus.Forbidden);
    }

    [Theory]
    [InlineData("한정판 운동화 🏃‍♀️ 런런 특가")]
    [InlineData("👨‍👩‍👧‍👦🎁🔥")]
    [InlineData("Café déjà vu — «édition» №1")]
    [InlineData("限定スニーカー")]
    public async Task Create_UnicodeName_IsAcceptedAndReadBackUnchanged(string name)
    {
        var id = ProductDrafts.NewId();

        var result = await Product(id).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal() with { Name = name, Description = name });

        result.Status.ShouldBe(ProductStatus.Ok);
        (await Product(id).Get())!.Name.ShouldBe(name);
    }

    [Fact]
    public async Task Create_NameWithSurroundingSpaces_IsStoredTrimmed()
    {
        var result = await Product(ProductDrafts.NewId()).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal() with { Name = "  Sneakers \t" });

        result.Product!.Name.ShouldBe("Sneakers");
    }

    [Theory]
    [MemberData(nameof(BoundaryDraftCases))]
    public async Task Create_DraftAtTheLimits_IsAccepted(string rule)
    {
        var id = ProductDrafts.NewId();
        var draft = ValidDrafts.Cases[rule](ProductDrafts.TimeDeal());

        var result = await Product(id).Create(ProductDrafts.Seller, draft);

        result.Status.ShouldBe(ProductStatus.Ok, string.Join("; ", result.Errors));
        (await Cluster.GrainFactory.GetGrain<IStockGrain>(id).GetSnapshot()).Terms
            .ShouldBe(new SaleTerms(draft.SaleStartsAt, draft.SaleEndsAt, draft.PerShopperLimit, draft.Price));
    }

    public static TheoryData<string> BoundaryDraftCases() => [.. ValidDrafts.Cases.Keys];

    [Fact]
    public async Task Create_NullDescription_IsStoredEmpty()
    {
        var result = await Product(ProductDrafts.NewId()).Create(ProductDrafts.Seller, ProductDrafts.TimeDeal() with { Description = null });

        result.Product!.Description.ShouldBe(string.Empty);
    }

    [Fact]
    public async Task Get_UnknownProduct_ReturnsNull()
    {
        (await Product(ProductDrafts.NewId()).Get()).ShouldBeNull();
    }
}
