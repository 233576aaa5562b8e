namespace RunRun.Actors.AdoNet;

/// <summary>Deletes a reminder row if its etag still matches.</summary>
internal sealed class ReminderRemoveOperation(GrainId grainId, string reminderName, long etag, CancellationToken cancellationToken)
    : WriteOperation<bool>(cancellationToken)
{
    public override string ToString() => $"removal of reminder '{reminderName}' of grain {grainId}";

    protected override void ExecuteCore(WriteSession session) =>
        Result = session.Statement(session.Sql.DeleteReminder)
            .With(SqlParameterNames.GrainId, grainId.ToString())
            .With(SqlParameterNames.ReminderName, reminderName)
            .With(SqlParameterNames.Etag, etag)
            .ExecuteNonQuery() == 1;
}
