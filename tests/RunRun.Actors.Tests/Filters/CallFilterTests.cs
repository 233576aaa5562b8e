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
