using RunRun.Actors;

namespace RunRun.Sales.Operations;

/// <summary>Answers readiness checks: a call proves a silo takes calls, and each probe writes to grain storage.</summary>
public interface IReadinessGrain : IGrainWithStringKey
{
    /// <summary>Writes the probe's time to storage and returns it; throws if storage refuses the write.</summary>
    Task<DateTimeOffset> Probe();
}
