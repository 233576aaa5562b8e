using RunRun.Actors.Diagnostics;

namespace RunRun.Actors.Tests.Diagnostics;

public sealed class BucketCountsTests
{
    [Fact]
    public void CountAtMost_ValuesOnBetweenAndAboveBounds_CountsCumulativelyByBound()
    {
        var buckets = new BucketCounts([1, 10, 100]);
        foreach (var value in new[] { 0.5, 1, 1.0001, 10, 99, 100, 100.5, 1e9 })
        {
            buckets.Record(value);
        }

        buckets.CountAtMost(0).ShouldBe(2, "a value on a bound falls in that bound's bucket");
        buckets.CountAtMost(1).ShouldBe(4);
        buckets.CountAtMost(2).ShouldBe(6, "values above every bound are in no bucket");
        Should.Throw<ArgumentOutOfRangeException>(() => buckets.CountAtMost(3));
        Should.Throw<ArgumentOutOfRangeException>(() => buckets.CountAtMost(-1));
    }

    [Fact]
    public void Record_FromManyThreadsAtOnce_LosesNoValue()
    {
        var buckets = new BucketCounts([1, 2]);

        Parallel.For(0, 20_000, i => buckets.Record(i % 2 == 0 ? 1 : 2));

        buckets.CountAtMost(0).ShouldBe(10_000);
        buckets.CountAtMost(1).ShouldBe(20_000);
    }
}
