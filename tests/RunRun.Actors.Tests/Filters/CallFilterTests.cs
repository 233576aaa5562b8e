using System.Collections.Concurrent;
using RunRun.Actors.Hosting;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Filters;

public sealed class CallFilterTests
{
    [Fact]
    public async Task Increment_IncomingFilter_SeesEveryCallAndItsResult()
    {
        var filter = new RecordingIncomingFilter();
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s => s.AddIncomingGrainCallFilter(filter)));
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("filtered");

        await counter.Increment();
        await counter.Increment();
        await Should.ThrowAsync<InvalidOperationException>(counter.Throw("nope"));

        filter.Seen.ShouldBe([
            "RunRun.Actors.Tests.Grains.ICounterGrain.Increment counter/filtered => 1",
            "RunRun.Actors.Tests.Grains.ICounterGrain.Increment counter/filtered => 2",
            "RunRun.Actors.Tests.Grains.ICounterGrain.Throw counter/filtered !! nope",
        ]);
    }

    [Fact]
    public async Task CallThrough_OutgoingFilter_SeesGrainToGrainCallsWithSource()
    {
        var filter = new RecordingOutgoingFilter();
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s => s.AddOutgoingGrainCallFilter(filter)));
        var counter = cluster.GrainFactory.GetGrain<ICounterGrain>("target");

        await cluster.GrainFactory.GetGrain<IPassingGrain>("source").CallThrough(counter);

        filter.Seen.ShouldContain("passing/source -> counter/target Increment => 1");
    }

    [Fact]
    public async Task StartTimer_IncomingFilter_DoesNotSeeTimerTicks()
    {
        var filter = new RecordingIncomingFilter();
        var time = new RunRun.Actors.Testing.FakeTimeProvider();
        await using var cluster = await Clusters.StartAsync(b => b.UseTimeProvider(time).ConfigureSilo(s => s.AddIncomingGrainCallFilter(filter)));
        var grain = cluster.GrainFactory.GetGrain<ILifecycleGrain>("clock");
        await grain.StartTimer(TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        await Clusters.Eventually(async () => await grain.TimerTicks() == 1, "a tick");

        filter.Seen.ShouldAllBe(entry => !entry.Contains("tick", StringComparison.Ordinal) || entry.Contains("TimerTicks", StringComparison.Ordinal));
        filter.Seen.Count.ShouldBe(2);
    }

    // Regression: with outgoing filters, arguments used to be copied only after the filters ran.
    [Fact]
    public async Task Mutate_AsyncOutgoingFilter_CallerChangesAfterCallDoNotReachGrain()
    {
        await using var cluster = await Clusters.StartAsync(b => b.ConfigureSilo(s => s.AddOutgoingGrainCallFilter(new YieldingOutgoingFilter())));
        var grain = cluster.SiloGrainFactory().GetGrain<IBagGrain>("filtered-copy");
        var bag = new Bag { Items = ["before"] };

        var call = grain.Mutate(bag);
        bag.Items.Add("after-the-call");

        (await call).Items.ShouldBe(["before", "added-by-grain"]);
    }

    private sealed class YieldingOutgoingFilter : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await Task.Delay(20);
            await context.Invoke();
        }
    }

    private sealed class RecordingIncomingFilter : IIncomingGrainCallFilter
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            try
            {
                await context.Invoke();
                Seen.Enqueue($"{context.InterfaceName}.{context.MethodName} {context.TargetId} => {context.Result}");
            }
            catch (Exception exception)
            {
                Seen.Enqueue($"{context.InterfaceName}.{context.MethodName} {context.TargetId} !! {exception.Message}");
                throw;
            }
        }
    }

    private sealed class RecordingOutgoingFilter : IOutgoingGrainCallFilter
    {
        public ConcurrentQueue<string> Seen { get; } = new();

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            Seen.Enqueue($"{context.SourceId} -> {context.TargetId} {context.MethodName} => {context.Result}");
        }
    }
}
