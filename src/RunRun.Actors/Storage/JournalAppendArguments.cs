namespace RunRun.Actors.Storage;

/// <summary>The argument rules every <see cref="IJournalStorage.AppendAsync"/> implementation enforces alike.</summary>
public static class JournalAppendArguments
{
    public static void Validate(long expectedVersion, IReadOnlyList<byte[]> events, JournalSnapshot? snapshot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Any(payload => payload is null))
        {
            throw new ArgumentException("Events must not be null.", nameof(events));
        }

        if (snapshot is not null)
        {
            ArgumentNullException.ThrowIfNull(snapshot.State, nameof(snapshot));
            if (snapshot.Version < 0 || snapshot.Version > expectedVersion + events.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(snapshot), snapshot.Version, "A snapshot cannot be ahead of the events it is written with.");
            }
        }
    }
}
