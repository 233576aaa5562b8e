using RunRun.Actors;
using RunRun.Actors.Testing;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Tests.Products;

namespace RunRun.Sales.Tests.Shoppers;

public sealed class SignUpTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private IShopperGrain Shopper(string key) => Cluster.GrainFactory.GetGrain<IShopperGrain>(key);

    [Fact]
    public async Task SignUp_ValidRequest_CreatesTheAccount()
    {
        var email = Accounts.NewEmail();
        var now = fixture.Time.GetUtcNow();

        var result = await Shopper(email).SignUp(Accounts.SignUp(email));

        result.Status.ShouldBe(AccountStatus.Ok);
        result.Errors.ShouldBeEmpty();
        var expected = new AccountView(email, email, "Kim Run", Roles.Shopper, now);
        result.Account.ShouldBe(expected);
        (await Shopper(email).Get()).ShouldBe(expected);
    }

    [Theory]
    [InlineData(Roles.None, Roles.Shopper)]
    [InlineData(Roles.Seller, Roles.Shopper | Roles.Seller)]
    [InlineData(Roles.Seller | Roles.Operator, Roles.Shopper | Roles.Seller | Roles.Operator)]
    public async Task SignUp_AnyRoles_AlwaysIncludeShopper(Roles asked, Roles granted)
    {
        var email = Accounts.NewEmail();

        var result = await Shopper(email).SignUp(Accounts.SignUp(email) with { Roles = asked });

        result.Account!.Roles.ShouldBe(granted);
    }

    [Fact]
    public async Task SignUp_EmailWithCapitalsAndSpaces_IsNormalisedToTheKey()
    {
        var email = Accounts.NewEmail();

        var result = await Shopper(email).SignUp(Accounts.SignUp("  " + email.ToUpperInvariant() + " \t"));

        result.Status.ShouldBe(AccountStatus.Ok);
        result.Account!.Email.ShouldBe(email);
        result.Account.UserId.ShouldBe(email);
    }

    [Fact]
    public async Task SignUp_ToTheGrainOfAnotherAddress_IsRefusedOnTheEmail()
    {
        var key = Accounts.NewEmail();

        var result = await Shopper(key).SignUp(Accounts.SignUp(Accounts.NewEmail()));

        result.Status.ShouldBe(AccountStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("email");
        result.Errors[0].Message.ShouldContain("different e-mail");
        (await Shopper(key).Get()).ShouldBeNull();
    }

    [Fact]
    public async Task SignUp_ToAGrainKeyedByAnUnnormalisedAddress_IsRefused()
    {
        var email = Accounts.NewEmail().ToUpperInvariant();

        var result = await Shopper(email).SignUp(Accounts.SignUp(email));

        result.Status.ShouldBe(AccountStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("email");
    }

    [Fact]
    public async Task SignUp_Twice_IsRefusedAndKeepsTheFirstAccount()
    {
        var email = Accounts.NewEmail();
        var first = (await Shopper(email).SignUp(Accounts.SignUp(email))).Account;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await Shopper(email).SignUp(new SignUpRequest(email, "Someone Else", "another password", Roles.Seller));

        result.Status.ShouldBe(AccountStatus.AlreadyExists);
        result.Account.ShouldBeNull();
        (await Shopper(email).Get()).ShouldBe(first);
        (await Shopper(email).VerifyPassword(Accounts.Password)).Status.ShouldBe(AccountStatus.Ok);
        (await Shopper(email).VerifyPassword("another password")).Status.ShouldBe(AccountStatus.WrongPassword);
    }

    [Theory]
    [MemberData(nameof(InvalidSignUpCases))]
    public async Task SignUp_InvalidRequest_IsRefusedNamingTheFieldAndStoresNothing(string rule)
    {
        var email = Accounts.NewEmail();
        var (change, field) = InvalidSignUps.Cases[rule];
        var request = change(Accounts.SignUp(email));
        // Sent to the grain its own address names, so only the broken rule can refuse it.
        var key = request.Email is { } address && address.Contains('@', StringComparison.Ordinal) ? address.Trim().ToLowerInvariant() : email;

        var result = await Shopper(key).SignUp(request);

        result.Status.ShouldBe(AccountStatus.Invalid);
        result.Account.ShouldBeNull();
        result.Errors.Select(e => e.Field).ShouldBe([field]);
        result.Errors[0].Message.ShouldNotBeNullOrWhiteSpace();
        (await Shopper(key).Get()).ShouldBeNull();
        (await Shopper(key).VerifyPassword(request.Password ?? Accounts.Password)).Status.ShouldBe(AccountStatus.NotFound);
    }

    public static TheoryData<string> InvalidSignUpCases() => [.. InvalidSignUps.Cases.Keys];

    [Fact]
    public async Task SignUp_InvalidRequestForAnExistingAccount_IsInvalidRatherThanAlreadyExists()
    {
        var email = Accounts.NewEmail();
        await Shopper(email).SignUp(Accounts.SignUp(email));

        var result = await Shopper(email).SignUp(Accounts.SignUp(email) with { Password = "short" });

        result.Status.ShouldBe(AccountStatus.Invalid);
    }

    [Fact]
    public async Task SignUp_InProcessWithALoneSurrogateInTheDisplayName_IsInvalid()
    {
        // Requests are [Immutable], so a caller in the silo's process (the co-hosted API) hands the
        // string over as it is; across the gateway the JSON writer has already replaced the surrogate.
        var email = Accounts.NewEmail();
        var shopper = Cluster.Primary.GetRequiredService<IGrainFactory>().GetGrain<IShopperGrain>(email);

        var result = await shopper.SignUp(Accounts.SignUp(email) with { DisplayName = "Kim \uDE00" });

        result.Status.ShouldBe(AccountStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("displayName");
        (await shopper.Get()).ShouldBeNull();
    }

    [Fact]
    public async Task SignUp_SeveralInvalidFields_ReportsEachOne()
    {
        var result = await Shopper(Accounts.NewEmail()).SignUp(new SignUpRequest("not an address", "", "short", (Roles)64));

        result.Errors.Select(e => e.Field).ShouldBe(["email", "displayName", "password", "roles"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("김런런")]
    [InlineData("런런 🏃‍♀️🔥")]
    [InlineData("👨‍👩‍👧‍👦")]
    [InlineData("Zoë O'Brien-Søndergaard")]
    public async Task SignUp_UnicodeDisplayName_IsAcceptedAndReadBackUnchanged(string displayName)
    {
        var email = Accounts.NewEmail();

        var result = await Shopper(email).SignUp(Accounts.SignUp(email) with { DisplayName = displayName });

        result.Status.ShouldBe(AccountStatus.Ok);
        (await Shopper(email).Get())!.DisplayName.ShouldBe(displayName);
    }

    [Theory]
    [MemberData(nameof(BoundarySignUpCases))]
    public async Task SignUp_RequestAtTheLimits_IsAccepted(string rule)
    {
        var email = Accounts.NewEmail();
        var request = ValidSignUps.Cases[rule](Accounts.SignUp(email));
        var key = request.Email.Trim().ToLowerInvariant();

        var result = await Shopper(key).SignUp(request);

        result.Status.ShouldBe(AccountStatus.Ok, string.Join("; ", result.Errors));
        (await Shopper(key).VerifyPassword(request.Password)).Status.ShouldBe(AccountStatus.Ok);
    }

    public static TheoryData<string> BoundarySignUpCases() => [.. ValidSignUps.Cases.Keys];

    [Fact]
    public async Task SignUp_DisplayNameWithSurroundingSpaces_IsStoredTrimmed()
    {
        var email = Accounts.NewEmail();

        var result = await Shopper(email).SignUp(Accounts.SignUp(email) with { DisplayName = "  Kim Run  " });

        result.Account!.DisplayName.ShouldBe("Kim Run");
    }

    [Fact]
    public async Task Get_UnknownAccount_ReturnsNull()
    {
        (await Shopper(Accounts.NewEmail()).Get()).ShouldBeNull();
    }
}
