using RunRun.Actors.Serialization;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Serialization;

public sealed class CopyingTests
{
    [Fact]
    public async Task Mutate_InProcessCall_GrainMutationDoesNotReachCaller()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.SiloGrainFactory().GetGrain<IBagGrain>("local");
        var mine = new Bag { Items = ["mine"] };

        var returned = await grain.Mutate(mine);

        mine.Items.ShouldBe(["mine"]);
        mine.Counts.ShouldBeEmpty();
        returned.ShouldNotBeSameAs(mine);
        returned.Items.ShouldBe(["mine", "added-by-grain"]);

        returned.Items.Add("caller-change");
        (await grain.Stored()).Items.ShouldBe(["mine", "added-by-grain"]);
    }

    [Fact]
    public async Task Mutate_ThroughClient_RoundTripsThroughBytes()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IBagGrain>("remote");
        var mine = new Bag { Items = ["가나다", "emoji 🚀"], Counts = { ["x"] = 3 } };

        var returned = await grain.Mutate(mine);

        mine.Items.Count.ShouldBe(2);
        returned.Items.ShouldBe(["가나다", "emoji 🚀", "added-by-grain"]);
        returned.Counts["x"].ShouldBe(3);
    }

    [Fact]
    public async Task CallThrough_GrainReferenceArgument_IsSerializedAndUsable()
    {
        await using var cluster = await Clusters.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("passed");

        (await cluster.GrainFactory.GetGrain<IPassingGrain>("p").CallThrough(counter)).ShouldBe("passed=1");
        (await counter.Get()).ShouldBe(1);
    }

    [Fact]
    public async Task CallThrough_GrainReferenceInsideRecord_IsSerializedAndUsable()
    {
        await using var cluster = await Clusters.StartAsync();
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("enveloped");

        (await cluster.GrainFactory.GetGrain<IPassingGrain>("p").CallThroughEnvelope(new CounterEnvelope(counter, "note"))).ShouldBe("note: enveloped=1");
        (await counter.Get()).ShouldBe(1);
    }

    [Fact]
    public async Task Fire_OneWay_ReturnsAtOnceAndRuns()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IBagGrain>("oneway");

        var fired = grain.Fire("note");
        fired.IsCompletedSuccessfully.ShouldBeTrue();

        await Clusters.Eventually(async () => (await grain.Notes()).Contains("note"), "one-way call to run");
    }

    [Fact]
    public void Copy_TypeWithoutMetadata_ThrowsNamedException()
    {
        var serializer = new ActorSerializer([TestJsonContext.Default]);

        var error = Should.Throw<TypeNotSerializableException>(() => serializer.Copy(new Unregistered { Value = 1 }));

        error.Message.ShouldContain(nameof(Unregistered));
    }

    [Fact]
    public void Copy_ImmutableAndPrimitive_ReturnsSameInstance()
    {
        var serializer = new ActorSerializer([TestJsonContext.Default]);
        var text = new string('x', 10);

        serializer.Copy(text).ShouldBeSameAs(text);
        serializer.Copy(new Concurrency.Immutable<Bag>(new Bag())).Value.ShouldNotBeNull();
    }

    private sealed class Unregistered
    {
        public int Value { get; set; }
    }
}
