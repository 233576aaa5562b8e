namespace RunRun.Actors.AdoNet;

/// <summary>The parameter names every <see cref="StorageSql"/> statement uses; both SQLite and MySQL accept the @ prefix.</summary>
public static class SqlParameterNames
{
    public const string StateName = "@state_name";
    public const string GrainId = "@grain_id";
    public const string GrainHash = "@grain_hash";
    public const string Etag = "@etag";
    public const string NewEtag = "@new_etag";
    public const string Payload = "@payload";
    public const string Sequence = "@seq";
    public const string Version = "@version";
    public const string After = "@after";
    public const string ReminderName = "@reminder_name";
    public const string StartAt = "@start_at";
    public const string PeriodMs = "@period_ms";
    public const string Begin = "@begin";
    public const string End = "@end";
}
