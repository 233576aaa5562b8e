using System.Globalization;
using RunRun.Actors.Reminders;

namespace RunRun.Actors.AdoNet;

/// <summary>Inserts or replaces a reminder row under a fresh etag.</summary>
internal sealed class ReminderUpsertOperation(ReminderEntry entry, CancellationToken cancellationToken)
    : WriteOperation<string>(cancellationToken)
{
    public override string ToString() => $"upsert of reminder '{entry.ReminderName}' of grain {entry.GrainId}";

    protected override void ExecuteCore(WriteSession session)
    {
        // Random rather than a per-row counter: a row removed and added again must not get back an
        // etag that a stale remover still holds. 63 random bits make a repeat practically impossible.
        // Nobody guesses etags on purpose, so the shared generator does; the operating system's
        // cryptographic one cost about 1 % of a sale's CPU, on the writer's one thread.
        var etag = Random.Shared.NextInt64(long.MaxValue);
        session.Statement(session.Sql.UpsertReminder)
            .With(SqlParameterNames.GrainId, entry.GrainId.ToString())
            .With(SqlParameterNames.ReminderName, entry.ReminderName)
            .With(SqlParameterNames.GrainHash, (long)entry.GrainHash)
            .With(SqlParameterNames.StartAt, entry.StartAt.ToUnixTimeMilliseconds())
            .With(SqlParameterNames.PeriodMs, (long)entry.Period.TotalMilliseconds)
            .With(SqlParameterNames.Etag, etag)
            .ExecuteNonQuery();
        Result = etag.ToString(CultureInfo.InvariantCulture);
    }
}
