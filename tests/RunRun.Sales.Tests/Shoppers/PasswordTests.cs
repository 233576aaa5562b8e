using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Actors.Storage;
using RunRun.Actors.Testing;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Tests.Products;

namespace RunRun.Sales.Tests.Shoppers;

public sealed class PasswordTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    private IShopperGrain Shopper(string key) => Cluster.GrainFactory.GetGrain<IShopperGrain>(key);

    private async Task<string> SignUpAsync()
    {
        var email = Accounts.NewEmail();
        (await Shopper(email).SignUp(Accounts.SignUp(email))).Status.ShouldBe(AccountStatus.Ok);
        return email;
    }

    [Fact]
    public async Task SignUp_StoresAnIdentityHashNotThePassword()
    {
        var email = await SignUpAsync();

        var stored = (await Accounts.StoredAsync(Cluster, Shopper(email))).State.Account!;

        stored.PasswordHash.ShouldNotBeNullOrWhiteSpace();
        stored.PasswordHash.ShouldNotContain(Accounts.Password);
        new PasswordHasher<ShopperAccount>().VerifyHashedPassword(stored, stored.PasswordHash, Accounts.Password)
            .ShouldBe(PasswordVerificationResult.Success);
    }

    [Fact]
    public async Task SignUp_SamePasswordTwice_IsSaltedDifferently()
    {
        var first = await SignUpAsync();
        var second = await SignUpAsync();

        var firstHash = (await Accounts.StoredAsync(Cluster, Shopper(first))).State.Account!.PasswordHash;
        var secondHash = (await Accounts.StoredAsync(Cluster, Shopper(second))).State.Account!.PasswordHash;

        firstHash.ShouldNotBe(secondHash);
    }

    [Fact]
    public async Task VerifyPassword_Correct_ReturnsTheAccount()
    {
        var email = await SignUpAsync();

        var result = await Shopper(email).VerifyPassword(Accounts.Password);

        result.Status.ShouldBe(AccountStatus.Ok);
        result.Account.ShouldBe(await Shopper(email).Get());
    }

    [Theory]
    [InlineData("correct horse battery stapl")]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    [InlineData(null)]
    public async Task VerifyPassword_Wrong_IsWrongPasswordWithoutTheAccount(string? password)
    {
        var email = await SignUpAsync();

        var result = await Shopper(email).VerifyPassword(password!);

        result.Status.ShouldBe(AccountStatus.WrongPassword);
        result.Account.ShouldBeNull();
    }

    [Fact]
    public async Task VerifyPassword_LongerThanAnyAllowed_IsWrongPassword()
    {
        var email = await SignUpAsync();

        var result = await Shopper(email).VerifyPassword(Accounts.Password + new string('x', 1_000_000));

        result.Status.ShouldBe(AccountStatus.WrongPassword);
    }

    [Fact]
    public async Task VerifyPassword_NoAccount_IsNotFound()
    {
        var result = await Shopper(Accounts.NewEmail()).VerifyPassword(Accounts.Password);

        result.Status.ShouldBe(AccountStatus.NotFound);
        result.Account.ShouldBeNull();
    }

    [Fact]
    public async Task Account_AfterASiloRestart_StillVerifies()
    {
        await using var cluster = await ClusterFixture.StartAsync(new FakeTimeProvider());
        var email = Accounts.NewEmail();
        var created = (await cluster.GrainFactory.GetGrain<IShopperGrain>(email).SignUp(Accounts.SignUp(email))).Account;

        await cluster.RestartSiloAsync(cluster.Primary);

        var shopper = cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        (await shopper.Get()).ShouldBe(created);
        (await shopper.VerifyPassword(Accounts.Password)).Status.ShouldBe(AccountStatus.Ok);
        (await shopper.VerifyPassword("not the password")).Status.ShouldBe(AccountStatus.WrongPassword);
        (await shopper.SignUp(Accounts.SignUp(email))).Status.ShouldBe(AccountStatus.AlreadyExists);
    }

    public static TheoryData<string> OutdatedHashes() => ["Identity v2", "Identity v3 with 10,000 iterations"];

    [Theory]
    [MemberData(nameof(OutdatedHashes))]
    public async Task VerifyPassword_OutdatedHash_SucceedsAndStoresACurrentHash(string format)
    {
        var hasher = format == "Identity v2"
            ? new PasswordHasher<ShopperAccount>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }))
            : new PasswordHasher<ShopperAccount>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var email = Accounts.NewEmail();
        var shopper = Cluster.GrainFactory.GetGrain<IShopperGrain>(email);
        var account = new ShopperAccount { Email = email, DisplayName = "Old Timer", Roles = Roles.Shopper, CreatedAt = fixture.Time.GetUtcNow() };
        account.PasswordHash = hasher.HashPassword(account, Accounts.Password);
        // Written before the grain's first call, as an account from an older release would be.
        await Cluster.GrainStorage.WriteStateAsync("account", shopper.GetGrainId(), new GrainState<ShopperState>(new ShopperState { Account = account }), CancellationToken.None);

        var result = await shopper.VerifyPassword(Accounts.Password);

        result.Status.ShouldBe(AccountStatus.Ok);
        var upgraded = (await Accounts.StoredAsync(Cluster, shopper)).State.Account!;
        upgraded.PasswordHash.ShouldNotBe(account.PasswordHash);
        new PasswordHasher<ShopperAccount>().VerifyHashedPassword(upgraded, upgraded.PasswordHash, Accounts.Password)
            .ShouldBe(PasswordVerificationResult.Success);
        (await shopper.VerifyPassword(Accounts.Password)).Status.ShouldBe(AccountStatus.Ok);
        (await shopper.VerifyPassword("not the password")).Status.ShouldBe(AccountStatus.WrongPassword);
    }

    [Fact]
    public async Task VerifyPassword_CurrentHash_IsNotRewritten()
    {
        var email = await SignUpAsync();
        var before = await ReadEtagAsync(email);

        await Shopper(email).VerifyPassword(Accounts.Password);

        (await ReadEtagAsync(email)).ShouldBe(before);
    }

    private async Task<string?> ReadEtagAsync(string email)
    {
        var state = new GrainState<ShopperState>(new ShopperState());
        await Cluster.GrainStorage.ReadStateAsync("account", Shopper(email).GetGrainId(), state, CancellationToken.None);
        return state.ETag;
    }
}
