using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Reminders;

/// <summary>
/// The silo's reminder service. Reminders live in the reminder table; this service keeps the local
/// ones in a queue ordered by their next tick, with one timer armed for the earliest, and delivers
/// each tick as a grain call, which activates the grain if needed. (A timer per reminder made every
/// order of a sale hold a finalizable timer for its whole payment window.)
/// As in Orleans, ticks missed while no silo ran are not replayed: the next tick on the reminder's
/// schedule (StartAt + k × Period) fires, so a due reminder fires within one period of a silo loading it.
/// </summary>
internal sealed partial class ReminderRegistry
{
    // Below this many queued ticks the leftovers are left alone: rebuilding would cost more than they do.
    private const int CompactionFloor = 1024;

    private readonly SiloRuntime _runtime;
    private readonly IReminderTable? _table;
    private readonly ReminderOptions _options;
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];

    // Next ticks, earliest first. A reminder cancelled or rescheduled leaves its old entry behind;
    // an entry counts only if its reminder is still the registered one and the tick still matches.
    // Once such leftovers outnumber the live entries, the queue is rebuilt without them.
    private readonly PriorityQueue<LocalReminder, DateTimeOffset> _due = new();
    private ITimer? _wakeUp;
    private DateTimeOffset? _armedFor;

    // Keys this silo registered or unregistered while a refresh was reading the table: the refresh
    // may have read the row as it was before, and must not undo the change with it. Null when no
    // refresh runs, because the next one reads the table after every change made until then; so a
    // silo does not remember every registration between refreshes.
    private HashSet<(GrainId, string)>? _changedDuringRefresh;
    private int _refreshing;
    private readonly Lock _lock = new();
    private ITimer? _refreshTimer;
    private bool _stopped;

    public ReminderRegistry(SiloRuntime runtime)
    {
        _runtime = runtime;
        _table = runtime.Services.GetService<IReminderTable>();
        _options = runtime.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
    }

    /// <summary>True while a refresh reads the table or applies what it read.</summary>
    internal bool IsRefreshing => Volatile.Read(ref _refreshing) == 1;

    /// <summary>Ticks in the queue, leftovers of cancelled reminders included.</summary>
    internal int QueuedTicks
    {
        get
        {
            lock (_lock)
            {
                return _due.Count;
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            return;
        }

        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _refreshTimer = _runtime.TimeProvider.CreateTimer(
            static s => _ = ((ReminderRegistry)s!).RefreshSafelyAsync(),
            this,
            _options.RefreshReminderListPeriod,
            _options.RefreshReminderListPeriod);
    }

    public void Stop()
    {
        lock (_lock)
        {
            _stopped = true;
            _refreshTimer?.Dispose();
            _wakeUp?.Dispose();
            _local.Clear();
            _due.Clear();
        }
    }

    public async Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken)
    {
        var table = Table;
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder's period must be at least {_options.MinimumReminderPeriod} ({ReminderOptions.SectionName}:MinimumReminderPeriod); use a grain timer for shorter ones.");
        }

        var entry = new ReminderEntry(grainId, reminderName, _runtime.TimeProvider.GetUtcNow() + dueTime, period);
        // Called from grain code: without ConfigureAwait the bookkeeping below, which needs only the
        // lock, would queue a task to the grain's scheduler and wait for its turn there.
        var eTag = await table.UpsertRowAsync(entry, cancellationToken).ConfigureAwait(false);
        entry = entry with { ETag = eTag };
        lock (_lock)
        {
            _changedDuringRefresh?.Add((grainId, reminderName));
            Schedule(entry);
        }

        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task UnregisterReminderAsync(IGrainReminder reminder, CancellationToken cancellationToken)
    {
        if (reminder is not GrainReminder known)
        {
            throw new ArgumentException("Not a reminder handle returned by this runtime.", nameof(reminder));
        }

        if (!await Table.RemoveRowAsync(known.GrainId, known.ReminderName, known.ETag, cancellationToken))
        {
            throw new ReminderException($"Reminder '{known.ReminderName}' of {known.GrainId} was changed or removed since this handle was obtained; get it again with GetReminder.");
        }

        lock (_lock)
        {
            _changedDuringRefresh?.Add((known.GrainId, known.ReminderName));
            Cancel(known.GrainId, known.ReminderName);
        }
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var row = await Table.ReadRowAsync(grainId, reminderName, cancellationToken);
        return row is null ? null : new GrainReminder(row.GrainId, row.ReminderName, row.ETag!);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        var rows = await Table.ReadRowsAsync(grainId, cancellationToken);
        return [.. rows.Select(r => new GrainReminder(r.GrainId, r.ReminderName, r.ETag!))];
    }

    private IReminderTable Table => _table
        ?? throw new InvalidOperationException("No reminder table is configured: call UseSqliteReminderTable or UseMemoryReminderTable on the silo builder.");

    private async Task RefreshSafelyAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogRefreshFailed(_runtime.Logger, exception);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            HashSet<(GrainId, string)> changed = [];
            lock (_lock)
            {
                _changedDuringRefresh = changed;
            }

            // rangeStart == rangeEnd is the whole ring: a single silo owns every reminder.
            var rows = await Table.ReadRowsAsync(0, 0, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                var seen = new HashSet<(GrainId, string)>();
                foreach (var row in rows)
                {
                    var key = (row.GrainId, row.ReminderName);
                    seen.Add(key);
                    var current = _local.TryGetValue(key, out var local) && local.Entry.ETag == row.ETag;
                    if (!changed.Contains(key) && !current)
                    {
                        Schedule(row);
                    }
                }

                foreach (var key in _local.Keys.Where(k => !seen.Contains(k) && !changed.Contains(k)).ToArray())
                {
                    Cancel(key.Item1, key.Item2);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _changedDuringRefresh = null;
            }

            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Puts a reminder in the queue at its next tick. Called under the lock.</summary>
    private void Schedule(ReminderEntry entry)
    {
        if (_stopped)
        {
            return;
        }

        var reminder = new LocalReminder(entry);
        _local[(entry.GrainId, entry.ReminderName)] = reminder;
        Enqueue(reminder, NextTickAtOrAfter(entry, _runtime.TimeProvider.GetUtcNow()));
    }

    /// <summary>Forgets a reminder; its queue entry is skipped when it comes due. Called under the lock.</summary>
    private void Cancel(GrainId grainId, string reminderName)
    {
        _local.Remove((grainId, reminderName));

        // Every order of a sale registers an expiry reminder due in ten minutes and most cancel it
        // within seconds: without this, their leftovers would fill the queue for the whole window.
        // Rebuilding only when leftovers are the majority keeps the cost per cancellation constant.
        if (_due.Count > CompactionFloor && _due.Count > 2 * _local.Count)
        {
            var live = _due.UnorderedItems.Where(item => IsCurrent(item.Element, item.Priority)).ToArray();
            _due.Clear();
            _due.EnqueueRange(live);
        }
    }

    /// <summary>Whether a queued tick is still its reminder's next one. Called under the lock.</summary>
    private bool IsCurrent(LocalReminder reminder, DateTimeOffset tick) =>
        reminder.NextTick == tick
        && _local.TryGetValue((reminder.Entry.GrainId, reminder.Entry.ReminderName), out var current)
        && ReferenceEquals(current, reminder);

    /// <summary>Queues the reminder's next tick and makes sure the timer wakes up for it. Called under the lock.</summary>
    private void Enqueue(LocalReminder reminder, DateTimeOffset tick)
    {
        reminder.NextTick = tick;
        _due.Enqueue(reminder, tick);
        if (_armedFor is null || tick < _armedFor)
        {
            Arm(tick);
        }
    }

    private void Arm(DateTimeOffset at)
    {
        // Created stopped and then armed, so a wake-up due at once finds the timer in place.
        _wakeUp ??= _runtime.TimeProvider.CreateTimer(static s => ((ReminderRegistry)s!).WakeUp(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _armedFor = at;
        var wait = at - _runtime.TimeProvider.GetUtcNow();
        _wakeUp.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Delivers every tick that is due, then sleeps until the next one.</summary>
    private void WakeUp()
    {
        List<LocalReminder> due = [];
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            _armedFor = null;
            var now = _runtime.TimeProvider.GetUtcNow();
            while (_due.TryPeek(out var reminder, out var tick) && tick <= now)
            {
                _due.Dequeue();
                if (IsCurrent(reminder, tick))
                {
                    due.Add(reminder);
                }
            }

            if (_due.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }

        foreach (var reminder in due)
        {
            _ = FireAsync(reminder);
        }
    }

    private async Task FireAsync(LocalReminder reminder)
    {
        var entry = reminder.Entry;
        var tick = reminder.NextTick;
        try
        {
            var target = _runtime.GetGrain<IRemindable>(entry.GrainId);
            await target.ReceiveReminder(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, tick)).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogTickFailed(_runtime.Logger, entry.ReminderName, entry.GrainId, exception);
        }

        lock (_lock)
        {
            if (_stopped || !_local.TryGetValue((entry.GrainId, entry.ReminderName), out var current) || !ReferenceEquals(current, reminder))
            {
                return;
            }

            // Ticks missed while this one was delivered are skipped, not replayed.
            var now = _runtime.TimeProvider.GetUtcNow();
            var next = tick + entry.Period;
            Enqueue(reminder, next < now ? NextTickAtOrAfter(entry, now) : next);
        }
    }

    /// <summary>The first time on the schedule StartAt + k × Period that is not before <paramref name="now"/>.</summary>
    private static DateTimeOffset NextTickAtOrAfter(ReminderEntry entry, DateTimeOffset now)
    {
        if (now <= entry.StartAt)
        {
            return entry.StartAt;
        }

        var periods = ((now - entry.StartAt).Ticks + entry.Period.Ticks - 1) / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks(periods * entry.Period.Ticks);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, string reminderName, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Refreshing the reminder table failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed class LocalReminder(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; } = entry;

        /// <summary>The tick it waits for; a tick being delivered keeps its value until the next is queued.</summary>
        public DateTimeOffset NextTick { get; set; }
    }
}
