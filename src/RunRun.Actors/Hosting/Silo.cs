using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Invocation;
using RunRun.Actors.Messaging;
using RunRun.Actors.Runtime;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Hosting;

/// <summary>
/// The silo as a hosted service: checks its configuration, starts storage, reminders, the
/// collector and the gateway; on stop deactivates every grain before storage goes away.
/// </summary>
public sealed partial class Silo : IHostedService
{
    private readonly SiloRuntime _runtime;
    private readonly ActivationCollector _collector;
    private readonly InProcessGateway _gateway;
    private readonly ISiloLifecycleParticipant[] _participants;
    private readonly IServiceProvider _services;
    private readonly ILogger<Silo> _logger;

    internal Silo(IServiceProvider services, SiloRuntime runtime, ActivationCollector collector, InProcessGateway gateway, ILogger<Silo> logger)
    {
        _services = services;
        _runtime = runtime;
        _collector = collector;
        _gateway = gateway;
        _logger = logger;
        _participants = [.. services.GetServices<ISiloLifecycleParticipant>().OrderBy(p => p.Stage)];
    }

    public string ClusterId => _runtime.SiloOptions.ClusterId;

    public string SiloName => _runtime.SiloOptions.SiloName;

    /// <summary>How many activations this silo holds right now.</summary>
    public int ActivationCount => _runtime.Catalog.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = GrainTypeRegistry.Instance;
        registry.AddLoadedAssemblies();
        if (System.Reflection.Assembly.GetEntryAssembly() is { } entry)
        {
            registry.AddAssembly(entry);
        }

        _runtime.GrainClasses.Refresh();
        _collector.CheckClassSpecificAges(registry);
        foreach (var problem in StartupValidation.FindProblems(registry, _services, _runtime.Serializer))
        {
            LogGrainProblem(_logger, problem);
        }

        foreach (var participant in _participants)
        {
            await participant.OnStartAsync(cancellationToken).ConfigureAwait(false);
        }

        await _runtime.Reminders.StartAsync(cancellationToken).ConfigureAwait(false);
        _collector.Start();
        InProcessGatewayRegistry.Register(ClusterId, _gateway);
        var grainClassCount = registry.Classes.Count();
        LogStarted(_logger, SiloName, ClusterId, grainClassCount);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        InProcessGatewayRegistry.Unregister(ClusterId, _gateway);
        _collector.Dispose();
        if (_runtime.IsAlive)
        {
            try
            {
                await _runtime.Catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping."))
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Requests that never finish must not hold the process hostage: drop what is left.
                LogForcedStop(_logger, SiloName, _runtime.Catalog.Count);
                _runtime.Kill();
            }
        }

        _runtime.Reminders.Stop();
        try
        {
            foreach (var participant in _participants.Reverse())
            {
                // Not the host's token: what storage has queued was acknowledged to nobody yet, and
                // draining it is bounded by the queue, so it is written even when shutdown runs late.
                await participant.OnStopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _runtime.PendingCalls.FailAll(new SiloUnavailableException("The silo stopped."));
            _gateway.Kill();
            LogStopped(_logger, SiloName);
        }
    }

    /// <summary>Simulates the process dying: no grain code runs, nothing in flight is finished.</summary>
    public void Kill()
    {
        InProcessGatewayRegistry.Unregister(ClusterId, _gateway);
        _collector.Dispose();
        _runtime.Kill();
        _gateway.Kill();
    }

    /// <summary>Runs one idle-collection pass now, as the collector's timer would.</summary>
    public int CollectIdleActivations() => _collector.Collect();

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Silo {SiloName} of cluster {ClusterId} started with {GrainClassCount} grain classes")]
    private static partial void LogStarted(ILogger logger, string siloName, string clusterId, int grainClassCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Silo {SiloName} ran out of shutdown time; dropped {ActivationCount} activations")]
    private static partial void LogForcedStop(ILogger logger, string siloName, int activationCount);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogGrainProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Silo {SiloName} stopped")]
    private static partial void LogStopped(ILogger logger, string siloName);
}
