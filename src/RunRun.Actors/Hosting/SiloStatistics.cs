using RunRun.Actors.EventSourcing;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Hosting;

/// <summary>Figures about this silo for health pages and metrics exporters.</summary>
public sealed class SiloStatistics
{
    private readonly SiloRuntime _runtime;

    internal SiloStatistics(SiloRuntime runtime, JournalMetrics journal)
    {
        _runtime = runtime;
        Journal = journal;
    }

    /// <summary>Activations in this silo's catalog now.</summary>
    public int ActiveGrains => _runtime.Catalog.Count;

    /// <summary>False once the silo has been stopped or killed.</summary>
    public bool IsAlive => _runtime.IsAlive;

    /// <summary>Journal writes and the events they carried, for batch sizes.</summary>
    public JournalMetrics Journal { get; }
}
