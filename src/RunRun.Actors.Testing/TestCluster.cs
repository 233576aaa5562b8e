using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunRun.Actors.Hosting;
using RunRun.Actors.Reminders;
using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;

namespace RunRun.Actors.Testing;

/// <summary>
/// A silo and a client in one process, talking through the gateway as a remote client would.
/// In-memory storage ("Default" grain, journal and reminder storage) outlives the silos, so a
/// test can stop, kill and restart a silo and find its state again.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<Action<ISiloBuilder>> _siloConfigurations;
    private readonly JsonSerializerContext[] _serializerContexts;
    private readonly Dictionary<string, string?> _configuration;
    private readonly List<SiloHandle> _silos = [];
    private IHost? _clientHost;
    private int _siloCount;

    internal TestCluster(
        string clusterId,
        List<Action<ISiloBuilder>> siloConfigurations,
        JsonSerializerContext[] serializerContexts,
        Dictionary<string, string?> configuration,
        TimeProvider timeProvider)
    {
        ClusterId = clusterId;
        _siloConfigurations = siloConfigurations;
        _serializerContexts = serializerContexts;
        _configuration = configuration;
        _configuration[SiloOptions.SectionName + ":ClusterId"] = clusterId;
        _configuration[ClientOptions.SectionName + ":ClusterId"] = clusterId;
        TimeProvider = timeProvider;
        var storageSerializer = new JsonGrainStorageSerializer(new ActorSerializer(serializerContexts));
        GrainStorage = new MemoryGrainStorage(storageSerializer);
        JournalStorage = new MemoryJournalStorage();
        ReminderTable = new MemoryReminderTable();
    }

    public string ClusterId { get; }

    /// <summary>How long a graceful stop may take before what is left is dropped.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; }

    /// <summary>The fake clock, when the cluster was built with one.</summary>
    public FakeTimeProvider? FakeTime => TimeProvider as FakeTimeProvider;

    public MemoryGrainStorage GrainStorage { get; }

    public MemoryJournalStorage JournalStorage { get; }

    public MemoryReminderTable ReminderTable { get; }

    public IClusterClient Client => _clientHost?.Services.GetRequiredService<IClusterClient>()
        ?? throw new InvalidOperationException("Call DeployAsync first.");

    public IGrainFactory GrainFactory => Client;

    public IReadOnlyList<SiloHandle> Silos => _silos;

    public SiloHandle Primary => _silos.LastOrDefault(s => s.IsActive) ?? throw new InvalidOperationException("No silo is running.");

    public async Task DeployAsync()
    {
        await StartSiloAsync();
        var builder = CreateHostBuilder();
        builder.UseClusterClient();
        _clientHost = builder.Build();
        await _clientHost.StartAsync();
    }

    /// <summary>Starts a silo on the shared storage (after the previous one stopped or died).</summary>
    public async Task<SiloHandle> StartSiloAsync()
    {
        if (_silos.Any(s => s.IsActive))
        {
            throw new InvalidOperationException("This runtime runs one silo per cluster; stop or kill the running one first.");
        }

        var name = $"silo-{++_siloCount}";
        var builder = CreateHostBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [SiloOptions.SectionName + ":SiloName"] = name });
        builder.UseSilo(silo =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                RunRun.Actors.Runtime.PersistentStateAttribute.DefaultStorageName,
                (services, _) => GrainStorage.WithSerializer(services.GetRequiredService<IGrainStorageSerializer>()));
            silo.Services.AddKeyedSingleton<IJournalStorage>(RunRun.Actors.EventSourcing.LogConsistencyProviderAttribute.DefaultProviderName, JournalStorage);
            silo.Services.AddSingleton<IReminderTable>(ReminderTable);
            foreach (var configure in _siloConfigurations)
            {
                configure(silo);
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            // A silo that failed to start (bad options, say) must not leave its services running.
            host.Dispose();
            throw;
        }

        var handle = new SiloHandle(name, host);
        _silos.Add(handle);
        return handle;
    }

    /// <summary>Stops a silo gracefully: grains deactivate and storage drains.</summary>
    public async Task StopSiloAsync(SiloHandle silo)
    {
        EnsureOwned(silo);
        silo.IsActive = false;
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        await silo.Host.StopAsync(timeout.Token);
        silo.Host.Dispose();
    }

    /// <summary>Kills a silo: no grain code runs and nothing in flight is finished.</summary>
    public async Task KillSiloAsync(SiloHandle silo)
    {
        EnsureOwned(silo);
        silo.IsActive = false;
        silo.Silo.Kill();
        if (silo.Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            silo.Host.Dispose();
        }
    }

    /// <summary>Stops the silo and starts a new one on the same storage.</summary>
    public async Task<SiloHandle> RestartSiloAsync(SiloHandle silo)
    {
        await StopSiloAsync(silo);
        return await StartSiloAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
            _clientHost = null;
        }

        foreach (var silo in _silos.Where(s => s.IsActive).ToArray())
        {
            await StopSiloAsync(silo);
        }
    }

    private void EnsureOwned(SiloHandle silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (!_silos.Contains(silo))
        {
            throw new ArgumentException($"{silo.Name} is not a silo of cluster {ClusterId}.", nameof(silo));
        }
    }

    private HostApplicationBuilder CreateHostBuilder()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(_configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(TimeProvider);
        foreach (var context in _serializerContexts)
        {
            builder.Services.AddSingleton<System.Text.Json.Serialization.Metadata.IJsonTypeInfoResolver>(context);
        }

        return builder;
    }
}
