using RunRun.Actors.EventSourcing;

namespace RunRun.Actors.Tests.EventSourcing;

public sealed class JournalMetricsTests
{
    [Fact]
    public void BatchesAtMost_WritesOfSeveralSizes_CountsCumulativelyByBound()
    {
        using var metrics = new JournalMetrics();
        foreach (var events in new[] { 1, 1, 2, 3, 4, 5, 64, 65, 2_000 })
        {
            metrics.RecordBatch(events);
        }

        var bounds = JournalMetrics.BatchSizeBounds;
        metrics.BatchesAtMost(0).ShouldBe(2, "two writes of one event");
        metrics.BatchesAtMost(1).ShouldBe(3, "and one of two");
        metrics.BatchesAtMost(2).ShouldBe(5, "3 and 4 fall under 4");
        metrics.BatchesAtMost(bounds.Count - 1).ShouldBe(8, "the write of 2,000 is above every bound");
        metrics.Batches.ShouldBe(9);
        metrics.Events.ShouldBe(2_145);
        Should.Throw<ArgumentOutOfRangeException>(() => metrics.BatchesAtMost(bounds.Count));
    }
}
