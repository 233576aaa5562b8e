using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RunRun.Actors.Hosting;

namespace RunRun.Actors.Testing;

/// <summary>One silo of a <see cref="TestCluster"/> and the host it runs in.</summary>
public sealed class SiloHandle
{
    internal SiloHandle(string name, IHost host)
    {
        Name = name;
        Host = host;
        Silo = host.Services.GetRequiredService<Silo>();
    }

    public string Name { get; }

    public IHost Host { get; }

    public Silo Silo { get; }

    public IServiceProvider Services => Host.Services;

    public bool IsActive { get; internal set; } = true;

    public T GetRequiredService<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();
}
