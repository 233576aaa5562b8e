using RunRun.Actors.Invocation;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage;

namespace RunRun.Actors.Messaging;

/// <summary>
/// Rebuilds an exception that crossed a process boundary. Known types come back as themselves with
/// their message, so callers can catch them by type; others arrive as <see cref="RemoteGrainException"/>.
/// </summary>
internal static class RemoteExceptions
{
    private static readonly Dictionary<string, Func<string, Exception>> Known = new(StringComparer.Ordinal)
    {
        [typeof(ArgumentException).FullName!] = m => new ArgumentException(m),
        [typeof(ArgumentNullException).FullName!] = m => new ArgumentNullException(null, m),
        [typeof(ArgumentOutOfRangeException).FullName!] = m => new ArgumentOutOfRangeException(null, m),
        [typeof(InvalidOperationException).FullName!] = m => new InvalidOperationException(m),
        [typeof(NotSupportedException).FullName!] = m => new NotSupportedException(m),
        [typeof(TimeoutException).FullName!] = m => new TimeoutException(m),
        [typeof(KeyNotFoundException).FullName!] = m => new KeyNotFoundException(m),
        [typeof(FormatException).FullName!] = m => new FormatException(m),
        [typeof(OperationCanceledException).FullName!] = m => new OperationCanceledException(m),
        [typeof(TaskCanceledException).FullName!] = m => new TaskCanceledException(m),
        [typeof(GrainCallTimeoutException).FullName!] = m => new GrainCallTimeoutException(m),
        [typeof(SiloUnavailableException).FullName!] = m => new SiloUnavailableException(m),
        [typeof(InconsistentStateException).FullName!] = m => new InconsistentStateException(m),
        [typeof(JournalConflictException).FullName!] = m => new JournalConflictException(m),
        [typeof(CorruptStateException).FullName!] = m => new CorruptStateException(m),
        [typeof(Reminders.ReminderException).FullName!] = m => new Reminders.ReminderException(m),
        [typeof(MissingStorageProviderException).FullName!] = m => new MissingStorageProviderException(m),
        [typeof(UnknownGrainInterfaceException).FullName!] = m => new UnknownGrainInterfaceException(m, new KeyNotFoundException(m)),
    };

    public static Exception Create(string typeName, string message, string? remoteStackTrace) =>
        Known.TryGetValue(typeName, out var factory) ? factory(message) : new RemoteGrainException(typeName, message, remoteStackTrace);
}
