using RunRun.Actors.Invocation;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Runtime;

public sealed class CallTests
{
    [Fact]
    public async Task Throw_ThroughClient_CallerSeesTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(cluster.GrainFactory.GetGrain<ICounterGrain>("e").Throw("boom 💥"));

        error.Message.ShouldBe("boom 💥");
    }

    [Fact]
    public async Task Throw_InProcess_CallerSeesTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(cluster.SiloGrainFactory().GetGrain<ICounterGrain>("e").Throw("local boom"));

        error.Message.ShouldBe("local boom");
    }

    [Fact]
    public async Task Increment_AfterAGrainThrew_GrainStillServes()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("survivor");
        await grain.Increment();

        await Should.ThrowAsync<InvalidOperationException>(grain.Throw("x"));

        (await grain.Increment()).ShouldBe(2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task GetGrain_NullOrEmptyKey_ThrowsArgumentException(string? key)
    {
        await using var cluster = await Clusters.StartAsync();

        Should.Throw<ArgumentException>(() => cluster.GrainFactory.GetGrain<ICounterGrain>(key!));
    }

    [Fact]
    public async Task GetGrain_InterfaceWithoutGrainClass_ThrowsUnknownGrainInterface()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = Should.Throw<UnknownGrainInterfaceException>(() => cluster.GrainFactory.GetGrain<IOrphanGrain>("x"));

        error.Message.ShouldContain(nameof(IOrphanGrain));
    }

    [Fact]
    public async Task GetGrain_KeysOfEachKind_AddressDistinctGrains()
    {
        await using var cluster = await Clusters.StartAsync();
        var guid = Guid.NewGuid();

        (await cluster.GrainFactory.GetGrain<ICounterGrain>("k").Increment()).ShouldBe(1);
        (await cluster.GrainFactory.GetGrain<ICounterGrain>("k").Increment()).ShouldBe(2);
        var reentrant = cluster.GrainFactory.GetGrain<IReentrantProbeGrain>(guid);
        reentrant.GetPrimaryKey().ShouldBe(guid);
        cluster.GrainFactory.GetGrain<ICycleGrain>(-42).GetPrimaryKeyLong().ShouldBe(-42);
        (await cluster.GrainFactory.GetGrain<ICycleGrain>(-42).Ping(0, 0)).ShouldBe(1);
    }

    [Fact]
    public void GrainId_ParseAndFormat_RoundTripUnicodeKeys()
    {
        var id = GrainId.Create("counter", "상품/42 \"quoted\"");

        GrainId.Parse(id.ToString()).ShouldBe(id);
        Should.Throw<FormatException>(() => GrainId.Parse("no-slash"));
        Should.Throw<ArgumentException>(() => GrainId.Create("bad/type", "k"));
    }
}
