using System.Text.Json.Serialization;
using RunRun.Actors.Hosting;

namespace RunRun.Actors.Testing;

/// <summary>Builds a <see cref="TestCluster"/>, in the shape of Orleans.TestingHost.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<ISiloBuilder>> _siloConfigurations = [];
    private readonly List<JsonSerializerContext> _serializerContexts = [];
    private readonly Dictionary<string, string?> _configuration = [];
    private TimeProvider? _timeProvider;

    /// <summary>A fresh cluster id, so clusters of parallel tests never meet.</summary>
    public string ClusterId { get; set; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    public TestClusterBuilder AddSiloBuilderConfigurator<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new()
    {
        _siloConfigurations.Add(new TConfigurator().Configure);
        return this;
    }

    public TestClusterBuilder ConfigureSilo(Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _siloConfigurations.Add(configure);
        return this;
    }

    /// <summary>Registers serializer metadata with the silos and the client alike.</summary>
    public TestClusterBuilder AddSerializerContext(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _serializerContexts.Add(context);
        return this;
    }

    /// <summary>The clock of every silo and the client; pass a <see cref="FakeTimeProvider"/> to control time.</summary>
    public TestClusterBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>Sets a configuration value, e.g. "RunRun:Silo:Messaging:ResponseTimeout".</summary>
    public TestClusterBuilder ConfigureSetting(string key, string? value)
    {
        _configuration[key] = value;
        return this;
    }

    public TestCluster Build() => new(
        ClusterId,
        [.. _siloConfigurations],
        [.. _serializerContexts],
        new Dictionary<string, string?>(_configuration),
        _timeProvider ?? TimeProvider.System);
}
