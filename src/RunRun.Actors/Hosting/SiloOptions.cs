namespace RunRun.Actors.Hosting;

/// <summary>Identity of the silo, bound from RunRun:Silo.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "RunRun:Silo";

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "dev";

    public string SiloName { get; set; } = "silo";
}

/// <summary>Idle collection, bound from RunRun:Silo:Collection.</summary>
public sealed class GrainCollectionOptions
{
    public const string SectionName = "RunRun:Silo:Collection";

    /// <summary>An activation idle this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Collection ages of particular grain classes, keyed by the class's full name; they take
    /// precedence over a class's [CollectionAgeLimit] and over <see cref="CollectionAge"/>.
    /// </summary>
    public Dictionary<string, TimeSpan> ClassSpecificCollectionAge { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Grain calls, bound from RunRun:Silo:Messaging.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "RunRun:Silo:Messaging";

    /// <summary>A call with no response after this long fails with GrainCallTimeoutException.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Reminders, bound from RunRun:Silo:Reminders.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "RunRun:Silo:Reminders";

    /// <summary>Reminders are for coarse, durable schedules; use timers for anything finer.</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the silo re-reads the reminder table to pick up changes made elsewhere.</summary>
    public TimeSpan RefreshReminderListPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
