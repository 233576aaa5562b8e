namespace RunRun.Actors.Reminders;

/// <summary>A registered reminder with the row version it was stored under.</summary>
internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string ETag) : IGrainReminder;
