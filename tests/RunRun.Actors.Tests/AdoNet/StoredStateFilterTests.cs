using RunRun.Actors.AdoNet;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class StoredStateFilterTests
{
    [Fact]
    public void MayContain_BeforeMarkComplete_IsTrueForAnyKey()
    {
        var filter = new StoredStateFilter();

        filter.MayContain("state", GrainId.Create("order", "never-written")).ShouldBeTrue();
    }

    [Fact]
    public void MayContain_EveryAddedKey_IsTrue_AcrossSeveralSlices()
    {
        var filter = new StoredStateFilter();
        filter.MarkComplete();

        // Four times the first slice's size, so the keys spread over three slices.
        const int Keys = 1 << 18;
        for (var i = 0; i < Keys; i++)
        {
            filter.Add("state", GrainId.Create("order", "o-" + i));
        }

        Enumerable.Range(0, Keys).Count(i => !filter.MayContain("state", GrainId.Create("order", "o-" + i))).ShouldBe(0);
    }

    [Fact]
    public void MayContain_KeysNeverAdded_AreMostlyAbsent()
    {
        var filter = new StoredStateFilter();
        filter.MarkComplete();
        for (var i = 0; i < 100_000; i++)
        {
            filter.Add("state", GrainId.Create("order", "o-" + i));
        }

        var falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MayContain("state", GrainId.Create("order", "other-" + i)));

        // Sized for about 1 % per slice; two slices are in play here.
        falsePositives.ShouldBeLessThan(3_000);
    }

    [Fact]
    public void Add_TextFormOfTheId_MatchesTheGrainIdForm_AndTheStateNameCounts()
    {
        var filter = new StoredStateFilter();
        filter.MarkComplete();

        filter.Add("order", GrainId.Create("order", "o-1").ToString());

        filter.MayContain("order", GrainId.Create("order", "o-1")).ShouldBeTrue();
        filter.MayContain("shopper", GrainId.Create("order", "o-1")).ShouldBeFalse();
        filter.MayContain("order", GrainId.Create("order", "o-2")).ShouldBeFalse();
    }

    [Fact]
    public void Add_LoneSurrogateInTheKey_MatchesTheReplacementCharacterSqliteStores()
    {
        var filter = new StoredStateFilter();
        filter.MarkComplete();

        filter.Add("state", "order/bad-\uFFFD");

        filter.MayContain("state", GrainId.Create("order", "bad-\uD800")).ShouldBeTrue();
    }
}
