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

    /// <summary>
    /// Activations now, by grain type, ordered by type. It walks the catalog, so it is for a scrape,
    /// not a hot path: a million activations take milliseconds.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, int>> ActiveGrainsByType()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var activation in _runtime.Catalog.Activations)
        {
            var type = activation.ClassInfo.GrainType.Value;
            counts[type] = counts.GetValueOrDefault(type) + 1;
        }

        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal)];
    }

    /// <summary>False once the silo has been stopped or killed.</summary>
    public bool IsAlive => _runtime.IsAlive;

    /// <summary>Journal writes and the events they carried, for batch sizes.</summary>
    public JournalMetrics Journal { get; }
}
