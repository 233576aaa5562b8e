using System.Globalization;
using RunRun.Actors.Reminders;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// The reminder table in a relational database, indexed by grain hash so each silo reads its own
/// ring range. Upserts and removals are group-committed by the database's writer loop.
/// </summary>
public sealed class AdoNetReminderTable : IReminderTable
{
    private readonly AdoNetDatabase _database;

    public AdoNetReminderTable(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint rangeStart, uint rangeEnd, CancellationToken cancellationToken) =>
        ReadAsync(
            rangeStart < rangeEnd ? _database.Sql.ReadRemindersInRange : _database.Sql.ReadRemindersInWrappedRange,
            command => command.With(SqlParameterNames.Begin, (long)rangeStart).With(SqlParameterNames.End, (long)rangeEnd),
            cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync(
            _database.Sql.ReadRemindersOfGrain,
            command => command.With(SqlParameterNames.GrainId, grainId.ToString()),
            cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        var rows = await ReadAsync(
            _database.Sql.ReadReminder,
            command => command.With(SqlParameterNames.GrainId, grainId.ToString()).With(SqlParameterNames.ReminderName, reminderName),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _database.WriteAsync(new ReminderUpsertOperation(entry, cancellationToken), cancellationToken);
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        return long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var etag)
            ? _database.WriteAsync(new ReminderRemoveOperation(grainId, reminderName, etag, cancellationToken), cancellationToken)
            : Task.FromResult(false);
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReadAsync(string sql, Func<SqlStatement, SqlStatement> bind, CancellationToken cancellationToken)
    {
        using var lease = await _database.RentReaderAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var entries = new List<ReminderEntry>();
        using var rows = bind(lease.Statement(sql)).Query();
        while (rows.Read())
        {
            entries.Add(new ReminderEntry(
                GrainId.Parse(rows.GetString(0)),
                rows.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(2)),
                TimeSpan.FromMilliseconds(rows.GetInt64(3)))
            {
                ETag = rows.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return entries;
    }
}
