using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>Deactivates activations that have been idle for their collection age, every quantum.</summary>
internal sealed class ActivationCollector(SiloRuntime runtime, IOptions<GrainCollectionOptions> options) : IDisposable
{
    private readonly GrainCollectionOptions _options = options.Value;
    private ITimer? _timer;

    /// <summary>
    /// Refuses a configured class age that names no grain class of <paramref name="registry"/>: a typo
    /// would otherwise change nothing. Called at silo start-up, before anything listens.
    /// </summary>
    public void CheckClassSpecificAges(GrainTypeRegistry registry)
    {
        if (_options.ClassSpecificCollectionAge.Count == 0)
        {
            return;
        }

        var known = registry.Classes.Select(c => c.Metadata.GrainClass.FullName).ToHashSet(StringComparer.Ordinal);
        if (_options.ClassSpecificCollectionAge.Keys.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new OptionsValidationException(GrainCollectionOptions.SectionName, typeof(GrainCollectionOptions), [
                $"{GrainCollectionOptions.SectionName}:ClassSpecificCollectionAge:{unknown} names no grain class; use the class's full name (namespace and class)."]);
        }
    }

    public void Start() =>
        _timer = runtime.TimeProvider.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);

    public int Collect()
    {
        var now = runtime.TimeProvider.GetUtcNow();
        var collected = 0;
        foreach (var activation in runtime.Catalog.Activations)
        {
            var age = AgeOf(activation.ClassInfo);
            if (activation.IsIdle(now, age))
            {
                activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for at least {age}."));
                collected++;
            }
        }

        return collected;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Configuration first, then the class's own attribute, then the silo's default (Orleans' order).</summary>
    private TimeSpan AgeOf(GrainClassInfo classInfo) =>
        _options.ClassSpecificCollectionAge.Count > 0 && _options.ClassSpecificCollectionAge.TryGetValue(classInfo.Metadata.GrainClass.FullName!, out var configured)
            ? configured
            : classInfo.CollectionAge ?? _options.CollectionAge;
}
