namespace RunRun.Actors.AdoNet;

/// <summary>
/// The SQL text of every statement the providers run. Statements take their values through the
/// parameters named in <see cref="SqlParameterNames"/>; each property documents its parameters and
/// the result the provider expects.
/// </summary>
public sealed class StorageSql
{
    /// <summary>@state_name, @grain_id → rows (etag, payload); payload is NULL for a cleared state.</summary>
    public required string ReadGrainState { get; init; }

    /// <summary>@state_name, @grain_id → the etag, or no row.</summary>
    public required string ReadGrainStateEtag { get; init; }

    /// <summary>Every stored state's state name and grain id, for the start-up scan of a database this process owns.</summary>
    public required string ReadGrainStateKeys { get; init; }

    /// <summary>@state_name, @grain_id, @grain_hash, @new_etag, @payload → 1 row affected, or 0 when the row exists (no error).</summary>
    public required string InsertGrainState { get; init; }

    /// <summary>@state_name, @grain_id, @etag, @new_etag, @payload → 1 row affected when the stored etag equals @etag, else 0.</summary>
    public required string UpdateGrainState { get; init; }

    /// <summary>@grain_id → one scalar: the highest sequence stored for the grain (events or snapshot), 0 when none.</summary>
    public required string ReadJournalVersion { get; init; }

    /// <summary>@grain_id, @seq, @payload → 1 row; a duplicate (grain_id, seq) must fail as a duplicate key.</summary>
    public required string InsertJournalEvent { get; init; }

    /// <summary>@grain_id, @version, @payload → inserts or replaces the grain's snapshot.</summary>
    public required string UpsertJournalSnapshot { get; init; }

    /// <summary>@grain_id → rows (version, payload), at most one.</summary>
    public required string ReadJournalSnapshot { get; init; }

    /// <summary>@grain_id, @after → rows (payload) of the events with seq &gt; @after, in sequence order.</summary>
    public required string ReadJournalEvents { get; init; }

    /// <summary>@grain_id, @reminder_name, @grain_hash, @start_at, @period_ms, @etag → inserts or replaces the row with etag @etag.</summary>
    public required string UpsertReminder { get; init; }

    /// <summary>@grain_id, @reminder_name, @etag → 1 row affected when the etag matched, else 0.</summary>
    public required string DeleteReminder { get; init; }

    /// <summary>@grain_id, @reminder_name → rows (grain_id, reminder_name, start_at, period_ms, etag), at most one.</summary>
    public required string ReadReminder { get; init; }

    /// <summary>@grain_id → rows as <see cref="ReadReminder"/>.</summary>
    public required string ReadRemindersOfGrain { get; init; }

    /// <summary>@begin, @end with begin &lt; end → rows as <see cref="ReadReminder"/> with @begin &lt; grain_hash ≤ @end.</summary>
    public required string ReadRemindersInRange { get; init; }

    /// <summary>@begin, @end with begin ≥ end → rows as <see cref="ReadReminder"/> with grain_hash &gt; @begin or ≤ @end.</summary>
    public required string ReadRemindersInWrappedRange { get; init; }
}
