using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;

namespace RunRun.Actors.Runtime;

/// <summary>Deactivates activations that have been idle for their collection age, every quantum.</summary>
internal sealed class ActivationCollector(SiloRuntime runtime, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private readonly GrainCollectionOptions _options = options.Value;
    private ITimer? _timer;

    public void Start() =>
        _timer = runtime.TimeProvider.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);

    public int Collect()
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var collected = 0;
        foreach (var activation in runtime.Catalog.Activations)
        {
            if (activation.IsIdle(now, _options.CollectionAge))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for at least {_options.CollectionAge}."));
                collected++;
            }
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();
}
