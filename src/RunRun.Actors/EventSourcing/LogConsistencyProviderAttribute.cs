namespace RunRun.Actors.EventSourcing;

/// <summary>Names the journal storage a journaled grain class uses ("Default" when absent).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class LogConsistencyProviderAttribute : Attribute
{
    public const string DefaultProviderName = "Default";

    public string ProviderName { get; init; } = DefaultProviderName;
}
