namespace RunRun.Actors.Hosting;

/// <summary>
/// A service that starts with the silo and stops with it, in stage order (lower starts first,
/// stops last). Storage providers create their schema on start and drain their writers on stop.
/// </summary>
public interface ISiloLifecycleParticipant
{
    int Stage { get; }

    Task OnStartAsync(CancellationToken cancellationToken);

    Task OnStopAsync(CancellationToken cancellationToken);
}

/// <summary>The stages of silo start-up.</summary>
public static class SiloLifecycleStage
{
    public const int RuntimeStorage = 1000;
    public const int RuntimeGrainServices = 2000;
    public const int ApplicationServices = 3000;
}
