using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Reminders;

/// <summary>
/// The silo's reminder service. Reminders live in the reminder table; this service keeps a local
/// timer per reminder and delivers each tick as a grain call, which activates the grain if needed.
/// As in Orleans, ticks missed while no silo ran are not replayed: the next tick on the reminder's
/// schedule (StartAt + k × Period) fires, so a due reminder fires within one period of a silo loading it.
/// </summary>
internal sealed partial class ReminderRegistry
{
    private readonly SiloRuntime _runtime;
    private readonly IReminderTable? _table;
    private readonly ReminderOptions _options;
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];

    // Keys this silo registered or unregistered, with the generation of the change. A refresh that
    // read the table before such a change must not undo it with what it read.
    private readonly Dictionary<(GrainId, string), long> _localChanges = [];
    private long _generation;
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
            foreach (var reminder in _local.Values)
            {
                reminder.Timer?.Dispose();
            }

            _local.Clear();
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
        var eTag = await table.UpsertRowAsync(entry, cancellationToken);
        entry = entry with { ETag = eTag };
        lock (_lock)
        {
            _localChanges[(grainId, reminderName)] = ++_generation;
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
            _localChanges[(known.GrainId, known.ReminderName)] = ++_generation;
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
            long readAt;
            lock (_lock)
            {
                readAt = _generation;
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
                    var changedSince = _localChanges.TryGetValue(key, out var changedAt) && changedAt > readAt;
                    var current = _local.TryGetValue(key, out var local) && local.Entry.ETag == row.ETag;
                    if (!changedSince && !current)
                    {
                        Schedule(row);
                    }
                }

                foreach (var key in _local.Keys.Where(k => !seen.Contains(k)).ToArray())
                {
                    if (!(_localChanges.TryGetValue(key, out var changedAt) && changedAt > readAt))
                    {
                        Cancel(key.Item1, key.Item2);
                    }
                }

                // Changes the table already reflected need no more protection.
                foreach (var key in _localChanges.Where(c => c.Value <= readAt).Select(c => c.Key).ToArray())
                {
                    _localChanges.Remove(key);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    /// <summary>Arms the local timer of a reminder. Called under the lock.</summary>
    private void Schedule(ReminderEntry entry)
    {
        if (_stopped)
        {
            return;
        }

        var key = (entry.GrainId, entry.ReminderName);
        if (_local.Remove(key, out var previous))
        {
            previous.Timer?.Dispose();
        }

        var reminder = new LocalReminder(entry, this);
        _local[key] = reminder;
        var now = _runtime.TimeProvider.GetUtcNow();
        reminder.NextTick = NextTickAtOrAfter(entry, now);
        // Created stopped and then armed, so a tick due at once finds its timer in place to re-arm.
        reminder.Timer = _runtime.TimeProvider.CreateTimer(static s => _ = ((LocalReminder)s!).Registry.FireAsync((LocalReminder)s), reminder, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        reminder.Timer.Change(reminder.NextTick - now, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the local timer of a reminder. Called under the lock.</summary>
    private void Cancel(GrainId grainId, string reminderName)
    {
        if (_local.Remove((grainId, reminderName), out var reminder))
        {
            reminder.Timer?.Dispose();
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
            if (next < now)
            {
                next = NextTickAtOrAfter(entry, now);
            }

            reminder.NextTick = next;
            reminder.Timer?.Change(next > now ? next - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
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

    private sealed class LocalReminder(ReminderEntry entry, ReminderRegistry registry)
    {
        public ReminderEntry Entry { get; } = entry;

        public ReminderRegistry Registry { get; } = registry;

        public ITimer? Timer { get; set; }

        public DateTimeOffset NextTick { get; set; }
    }
}
