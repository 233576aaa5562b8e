namespace RunRun.Actors.Tests.Grains;

/// <summary>Counts, inside the grain, requests that are in flight together and code that runs in parallel.</summary>
public sealed class ProbeGrain : Grain, IProbeGrain
{
    private readonly ProbeCounters _counters = new();
    private int _writersInside;
    private int _readDuringWrite;

    public async Task<int> Enter(int sequence, int yields)
    {
        _counters.Begin(sequence);
        _writersInside++;
        for (var i = 0; i < yields; i++)
        {
            _counters.Segment();
            await Task.Yield();
        }

        _counters.Segment();
        _writersInside--;
        _counters.End();
        return sequence;
    }

    public async Task<int> Read(int yields)
    {
        _counters.Begin(-1);
        if (_writersInside > 0)
        {
            _readDuringWrite++;
        }

        for (var i = 0; i < yields; i++)
        {
            _counters.Segment();
            await Task.Yield();
        }

        _counters.End();
        return _readDuringWrite;
    }

    public async Task<int> Interleave(int yields)
    {
        _counters.Begin(-2);
        for (var i = 0; i < yields; i++)
        {
            await Task.Yield();
        }

        _counters.End();
        return _readDuringWrite;
    }

    /// <summary>Hands back a task that finishes on the thread pool, outside this activation's scheduler.</summary>
    public Task<int> Detached(int sequence)
    {
        _counters.Begin(sequence);
        _counters.End();
        return Task.Run(async () =>
        {
            await Task.Delay(1).ConfigureAwait(false);
            return sequence;
        });
    }

    public Task<ProbeReport> Report() => Task.FromResult(_counters.Report() with { ReadsDuringWrite = _readDuringWrite });
}

[RunRun.Actors.Concurrency.Reentrant]
public sealed class ReentrantProbeGrain : Grain, IReentrantProbeGrain
{
    private readonly ProbeCounters _counters = new();

    public async Task<int> Enter(int sequence, int yields)
    {
        _counters.Begin(sequence);
        for (var i = 0; i < yields; i++)
        {
            _counters.Segment();
            await Task.Yield();
        }

        _counters.End();
        return sequence;
    }

    private TaskCompletionSource _gate = new();

    public Task Block() => _gate.Task;

    public Task Release()
    {
        _gate.TrySetResult();
        _gate = new TaskCompletionSource();
        return Task.CompletedTask;
    }

    public Task<ProbeReport> Report() => Task.FromResult(_counters.Report());
}

/// <summary>
/// Shared bookkeeping: "inside" counts requests between Begin and End (interleaving); "parallel"
/// counts synchronous segments that ran at the same moment on two threads (never allowed).
/// </summary>
internal sealed class ProbeCounters
{
    private readonly HashSet<int> _threads = [];
    private readonly List<int> _order = [];
    private int _inside;
    private int _maxInside;
    private int _overlaps;
    private int _executing;
    private int _parallel;
    private int _offScheduler;
    private int _calls;

    public void Begin(int sequence)
    {
        Segment();
        _calls++;
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        if (_inside > 1)
        {
            _overlaps++;
        }

        if (sequence >= 0)
        {
            _order.Add(sequence);
        }
    }

    public void End()
    {
        Segment();
        _inside--;
    }

    /// <summary>Holds the "executing" flag for a moment; a second thread arriving meanwhile is a violation.</summary>
    public void Segment()
    {
        if (Interlocked.Increment(ref _executing) > 1)
        {
            Interlocked.Increment(ref _parallel);
        }

        _threads.Add(Environment.CurrentManagedThreadId);
        if (TaskScheduler.Current == TaskScheduler.Default)
        {
            _offScheduler++;
        }

        Thread.SpinWait(50);
        Interlocked.Decrement(ref _executing);
    }

    public ProbeReport Report() => new(_maxInside, _overlaps, _threads.Count, [.. _order], _calls) { Parallel = _parallel, OffScheduler = _offScheduler };
}
