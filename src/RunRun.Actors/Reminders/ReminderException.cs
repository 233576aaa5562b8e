namespace RunRun.Actors.Reminders;

/// <summary>A reminder operation could not be carried out, e.g. unregistering with a stale handle.</summary>
public sealed class ReminderException : InvalidOperationException
{
    public ReminderException(string message)
        : base(message)
    {
    }

    public ReminderException()
    {
    }

    public ReminderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
