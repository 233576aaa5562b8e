using System.Collections.Concurrent;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>
/// Calls waiting for a response. One sweep timer expires them, instead of a timer per call, so
/// the timeout costs a dictionary entry and not an allocation on the timer queue.
/// </summary>
internal sealed class PendingCalls : IDisposable
{
    // Many stripes: callers add and responders remove from different threads all the time, and the
    // default (one lock per core) made them queue behind each other.
    private readonly ConcurrentDictionary<long, Message> _calls = new(concurrencyLevel: 64 * Environment.ProcessorCount, capacity: 4096);
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;

    public PendingCalls(TimeProvider timeProvider, TimeSpan responseTimeout)
    {
        _timeProvider = timeProvider;
        ResponseTimeout = responseTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(responseTimeout.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweeper = timeProvider.CreateTimer(static s => ((PendingCalls)s!).Sweep(), this, period, period);
    }

    public TimeSpan ResponseTimeout { get; }

    public DateTimeOffset NextDeadline() => _timeProvider.GetUtcNow() + ResponseTimeout;

    /// <summary>Tracks a request that has a completion; the message itself is the entry, so tracking costs no extra object.</summary>
    public void Register(Message message) => _calls[message.Id] = message;

    /// <summary>Completes the call if it is still waiting; false when it already timed out.</summary>
    public bool TryComplete(long id, Response response)
    {
        if (!_calls.TryRemove(id, out var entry))
        {
            return false;
        }

        entry.Completion!.Complete(response);
        return true;
    }

    public bool TryGet(long id, out IResponseCompletionSource completion)
    {
        if (_calls.TryGetValue(id, out var entry))
        {
            completion = entry.Completion!;
            return true;
        }

        completion = null!;
        return false;
    }

    /// <summary>Fails every waiting call, when the process that would answer them is gone.</summary>
    public void FailAll(Exception exception)
    {
        foreach (var id in _calls.Keys)
        {
            if (_calls.TryRemove(id, out var entry))
            {
                entry.Completion!.Complete(Response.FromException(exception));
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var (id, entry) in _calls)
        {
            if (entry.ExpiresAt <= now && _calls.TryRemove(id, out _))
            {
                entry.Completion!.Complete(Response.FromException(
                    new GrainCallTimeoutException(entry.Target, entry.Body.ToString(), ResponseTimeout)));
            }
        }
    }
}
