namespace RunRun.Actors.Hosting;

/// <summary>Which cluster a client joins, bound from RunRun:Client.</summary>
public sealed class ClientOptions
{
    public const string SectionName = "RunRun:Client";

    public string ClusterId { get; set; } = "dev";
}
