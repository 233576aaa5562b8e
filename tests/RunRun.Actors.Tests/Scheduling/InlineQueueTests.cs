using RunRun.Actors.Scheduling;

namespace RunRun.Actors.Tests.Scheduling;

public sealed class InlineQueueTests
{
    [Fact]
    public void TryDequeue_Empty_ReturnsFalse()
    {
        var queue = default(InlineQueue<string>);

        queue.TryDequeue(out _).ShouldBeFalse();
        queue.TryPeek(out _).ShouldBeFalse();
        queue.Count.ShouldBe(0);
        queue.ToArray().ShouldBeEmpty();
    }

    [Fact]
    public void TryDequeue_ItemsEnqueuedBehindTheFirst_ComeOutInArrivalOrder()
    {
        var queue = default(InlineQueue<string>);
        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            queue.Enqueue(item);
        }

        queue.Count.ShouldBe(5);
        queue.ToArray().ShouldBe(["a", "b", "c", "d", "e"]);
        var taken = new List<string>();
        while (queue.TryDequeue(out var item))
        {
            taken.Add(item);
        }

        taken.ShouldBe(["a", "b", "c", "d", "e"]);
        queue.Count.ShouldBe(0);
    }

    [Fact]
    public void Enqueue_AfterTheQueueDrained_KeepsArrivalOrder()
    {
        // Draining drops the overflow queue; interleaved adds and takes must still come out in order.
        var queue = default(InlineQueue<string>);
        var taken = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            queue.Enqueue($"{round}-1");
            queue.Enqueue($"{round}-2");
            queue.TryDequeue(out var first).ShouldBeTrue();
            taken.Add(first);
            queue.Enqueue($"{round}-3");
            while (queue.TryDequeue(out var item))
            {
                taken.Add(item);
            }
        }

        taken.ShouldBe(["0-1", "0-2", "0-3", "1-1", "1-2", "1-3", "2-1", "2-2", "2-3"]);
    }

    [Fact]
    public void TryPeek_LeavesTheOldestItemInPlace()
    {
        var queue = default(InlineQueue<string>);
        queue.Enqueue("a");
        queue.Enqueue("b");

        queue.TryPeek(out var peeked).ShouldBeTrue();
        peeked.ShouldBe("a");
        queue.Count.ShouldBe(2);
        queue.TryDequeue(out var taken).ShouldBeTrue();
        taken.ShouldBe("a");
    }

    [Fact]
    public void Clear_WithItemsWaiting_EmptiesTheQueue()
    {
        var queue = default(InlineQueue<string>);
        queue.Enqueue("a");
        queue.Enqueue("b");

        queue.Clear();

        queue.Count.ShouldBe(0);
        queue.TryDequeue(out _).ShouldBeFalse();
        queue.Enqueue("c");
        queue.ToArray().ShouldBe(["c"]);
    }

    [Fact]
    public void Enqueue_BusyQueueMovingBetweenOneAndTwoItems_KeepsItsOverflowQueue()
    {
        // One running, one waiting, one arriving: the overflow queue must survive the moments when
        // only the head is left, or a hot activation would make a new one for every arrival.
        var queue = default(InlineQueue<string>);
        queue.Enqueue("first");
        queue.Enqueue("second");
        queue.TryDequeue(out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            queue.Enqueue("next");
            queue.TryDequeue(out _);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        queue.Count.ShouldBe(1);
    }
}
