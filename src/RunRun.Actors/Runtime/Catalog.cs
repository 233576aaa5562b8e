using System.Collections.Concurrent;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>The activations of one silo, by grain id; creates one on first use.</summary>
internal sealed class Catalog(SiloRuntime runtime)
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private volatile bool _accepting = true;

    public int Count => _activations.Count;

    public IEnumerable<ActivationData> Activations => _activations.Values;

    public bool TryGetOrCreate(GrainId grainId, out ActivationData activation, out Exception? error)
    {
        if (_activations.TryGetValue(grainId, out activation!))
        {
            error = null;
            return true;
        }

        if (!_accepting)
        {
            error = new SiloUnavailableException($"Silo is shutting down; {grainId} cannot be activated.");
            return false;
        }

        if (!runtime.GrainClasses.TryGetClass(grainId.Type, out var classInfo))
        {
            error = new UnknownGrainInterfaceException($"No grain class of type '{grainId.Type}' is deployed on this silo (grain {grainId}).", new KeyNotFoundException(grainId.Type.Value));
            return false;
        }

        activation = _activations.GetOrAdd(grainId, static (id, state) => new ActivationData(id, state.classInfo, state.runtime), (classInfo, runtime));
        error = null;
        return true;
    }

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    /// <summary>Stops new activations and deactivates every existing one gracefully.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason)
    {
        _accepting = false;
        while (!_activations.IsEmpty)
        {
            await Task.WhenAll(_activations.Values.Select(a => a.DeactivateAsync(reason))).ConfigureAwait(false);
        }
    }

    public void KillAll()
    {
        _accepting = false;
        foreach (var activation in _activations.Values)
        {
            activation.Kill();
        }
    }
}
