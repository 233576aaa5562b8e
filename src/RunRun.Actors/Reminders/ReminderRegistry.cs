using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Reminders;

/// <summary>
/// The silo's reminder service. Reminders live in the reminder table; this service keeps a local
/// timer per reminder and delivers each tick as a grain call, which activates the grain if needed.
/// A reminder whose tick passed while no silo was running fires once as soon as it is loaded.
/// </summary>
internal sealed partial class ReminderRegistry
{
    private readonly SiloRuntime _runtime;
    private readonly IReminderTable? _table;
    private readonly ReminderOptions _options;
    private readonly Dictionary<(GrainId, string), LocalReminder> _local = [];
    private readonly Lock _lock = new();
    private ITimer? _refreshTimer;
    private bool _stopped;

    public ReminderRegistry(SiloRuntime runtime)
    {
        _runtime = runtime;
        _table = runtime.Services.GetService<IReminderTable>();
        _options = runtime.Services.GetRequiredService<IOptions<ReminderOptions>>().Value;
    }

    public int LocalCount
    {
        get
        {
            lock (_lock)
            {
                return _local.Count;
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
        Schedule(entry);
        return new GrainReminder(grainId, reminderName, eTag);
    }

    public async Task UnregisterReminderAsync(IGrainReminder reminder, CancellationToken cancellationToken)
    {
        if (reminder is not GrainReminder known)
        {
            throw new ArgumentException("Not a reminder handle returned by this runtime.", nameof(reminder));
        }

        await Table.RemoveRowAsync(known.GrainId, known.ReminderName, known.ETag, cancellationToken);
        Cancel(known.GrainId, known.ReminderName);
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
        // begin == end is the whole ring: a single silo owns every reminder.
        var rows = await Table.ReadRowsAsync(0, 0, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<(GrainId, string)>();
        foreach (var row in rows)
        {
            seen.Add((row.GrainId, row.ReminderName));
            bool known;
            lock (_lock)
            {
                known = _local.TryGetValue((row.GrainId, row.ReminderName), out var local) && local.Entry.ETag == row.ETag;
            }

            if (!known)
            {
                Schedule(row);
            }
        }

        List<(GrainId, string)> gone;
        lock (_lock)
        {
            gone = [.. _local.Keys.Where(k => !seen.Contains(k))];
        }

        foreach (var (grainId, name) in gone)
        {
            Cancel(grainId, name);
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        var reminder = new LocalReminder(entry);
        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            if (_local.Remove((entry.GrainId, entry.ReminderName), out var previous))
            {
                previous.Timer?.Dispose();
            }

            _local[(entry.GrainId, entry.ReminderName)] = reminder;
            var now = _runtime.TimeProvider.GetUtcNow();
            reminder.NextTick = entry.StartAt > now ? entry.StartAt : LastTickAtOrBefore(entry, now);
            var due = entry.StartAt > now ? entry.StartAt - now : TimeSpan.Zero;
            reminder.Registry = this;
            // Created stopped and then armed, so a tick due at once finds its timer in place to re-arm.
            reminder.Timer = _runtime.TimeProvider.CreateTimer(static s => _ = ((LocalReminder)s!).Registry!.FireAsync((LocalReminder)s), reminder, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            reminder.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private void Cancel(GrainId grainId, string reminderName)
    {
        lock (_lock)
        {
            if (_local.Remove((grainId, reminderName), out var reminder))
            {
                reminder.Timer?.Dispose();
            }
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

            // The next tick follows the one just delivered; if delivery took so long that ticks were
            // missed, the latest missed one fires at once, and only once.
            var now = _runtime.TimeProvider.GetUtcNow();
            var next = tick + entry.Period;
            if (next <= now)
            {
                next = LastTickAtOrBefore(entry, now);
            }

            reminder.NextTick = next;
            reminder.Timer?.Change(next > now ? next - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private static DateTimeOffset LastTickAtOrBefore(ReminderEntry entry, DateTimeOffset now)
    {
        if (now < entry.StartAt)
        {
            return entry.StartAt;
        }

        var periods = (now - entry.StartAt).Ticks / entry.Period.Ticks;
        return entry.StartAt + TimeSpan.FromTicks(periods * entry.Period.Ticks);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed")]
    private static partial void LogTickFailed(ILogger logger, string reminderName, GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Refreshing the reminder table failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    private sealed class LocalReminder(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; } = entry;

        public ITimer? Timer { get; set; }

        public DateTimeOffset NextTick { get; set; }

        public ReminderRegistry? Registry { get; set; }
    }
}
