using RunRun.Actors.Runtime;

namespace RunRun.Actors.Timers;

/// <summary>
/// A timer owned by one activation. Each tick is queued to the activation like a request, so the
/// callback runs as a turn; a tick that comes while the previous one still runs is skipped.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly CancellationTokenSource _disposed = new();
    private ITimer? _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _tickQueued;
    private bool _changedDuringTick;

    public GrainTimer(ActivationData activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        ValidatePeriod(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
    }

    public bool Interleave { get; }

    public bool KeepAlive { get; }

    public void Start() =>
        _timer = _activation.Runtime.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTimerFired(), this, _dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, period);
        _dueTime = dueTime;
        _period = period;
        _changedDuringTick = Volatile.Read(ref _tickQueued) == 1;
        _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }

    internal async ValueTask TickAsync()
    {
        try
        {
            if (!_disposed.IsCancellationRequested)
            {
                await _callback(_state, _disposed.Token);
            }
        }
        finally
        {
            var changed = _changedDuringTick;
            _changedDuringTick = false;
            Volatile.Write(ref _tickQueued, 0);
            // The next period counts from the end of this tick, so a slow callback never piles up
            // ticks; a Change made meanwhile has already set the next due time and is kept.
            if (changed)
            {
                _timer?.Change(_dueTime, Timeout.InfiniteTimeSpan);
            }
            else if (!_disposed.IsCancellationRequested && _period != Timeout.InfiniteTimeSpan)
            {
                _timer?.Change(_period, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private static void ValidatePeriod(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A timer's due time must be zero or more, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A timer's period must be positive, or infinite for a single tick.");
        }
    }

    private void OnTimerFired()
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _tickQueued, 1) == 1)
        {
            return;
        }

        _activation.EnqueueTimerTick(this);
    }
}
