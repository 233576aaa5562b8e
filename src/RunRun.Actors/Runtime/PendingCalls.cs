using System.Collections.Concurrent;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>
/// Calls waiting for a response. One sweep timer expires them, instead of a timer per call. A call
/// normally sits in a slot of a fixed array picked by hashing its id: adding and removing it is one
/// compare-and-swap, with no lock for callers and responders on different threads to queue behind
/// and no allocation. A call whose slot is still held by an older, slower call goes to a dictionary.
/// </summary>
internal sealed class PendingCalls : IDisposable
{
    private const int SlotBits = 14;

    private readonly Message?[] _slots = new Message?[1 << SlotBits];
    private readonly ConcurrentDictionary<long, Message> _overflow = new();
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

    /// <summary>Tracks a request that has a completion; the message itself is the entry.</summary>
    public void Register(Message message)
    {
        if (Interlocked.CompareExchange(ref _slots[SlotOf(message.Id)], message, null) is not null)
        {
            _overflow[message.Id] = message;
        }
    }

    /// <summary>Completes the call if it is still waiting; false when it already timed out or was answered.</summary>
    public bool TryComplete(long id, Response response)
    {
        if (!TryRemove(id, out var entry))
        {
            return false;
        }

        entry.Completion!.Complete(response);
        return true;
    }

    public bool TryGet(long id, out IResponseCompletionSource completion)
    {
        var entry = Volatile.Read(ref _slots[SlotOf(id)]);
        if ((entry is not null && entry.Id == id) || _overflow.TryGetValue(id, out entry))
        {
            completion = entry.Completion!;
            return true;
        }

        completion = null!;
        return false;
    }

    /// <summary>Fails every waiting call, when the process that would answer them is gone.</summary>
    public void FailAll(Exception exception) => CompleteWhere(static (_, _) => true, default, _ => Response.FromException(exception));

    public void Dispose() => _sweeper.Dispose();

    // Consecutive ids land far apart (Fibonacci hashing), so two threads seldom write one cache line.
    private static int SlotOf(long id) => (int)((ulong)id * 11400714819323198485UL >> (64 - SlotBits));

    private bool TryRemove(long id, out Message entry)
    {
        ref var slot = ref _slots[SlotOf(id)];
        var current = Volatile.Read(ref slot);
        if (current is not null && current.Id == id)
        {
            entry = current;
            return ReferenceEquals(Interlocked.CompareExchange(ref slot, null, current), current);
        }

        return _overflow.TryRemove(id, out entry!);
    }

    private void Sweep()
    {
        CompleteWhere(
            static (entry, now) => entry.ExpiresAt <= now,
            _timeProvider.GetUtcNow(),
            entry => Response.FromException(new GrainCallTimeoutException(entry.Target, entry.Body.ToString(), ResponseTimeout)));
    }

    private void CompleteWhere(Func<Message, DateTimeOffset, bool> predicate, DateTimeOffset now, Func<Message, Response> response)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            var entry = Volatile.Read(ref _slots[i]);
            if (entry is not null && predicate(entry, now) && ReferenceEquals(Interlocked.CompareExchange(ref _slots[i], null, entry), entry))
            {
                entry.Completion!.Complete(response(entry));
            }
        }

        foreach (var (id, entry) in _overflow)
        {
            if (predicate(entry, now) && _overflow.TryRemove(id, out _))
            {
                entry.Completion!.Complete(response(entry));
            }
        }
    }
}
