using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage;

namespace RunRun.Api.Tests.Operations;

/// <summary>
/// The silo's real grain storage, which refuses every write while <see cref="Refusing"/> is set, as
/// a database that went read-only or away would; reads still pass, so a grain can recover after.
/// </summary>
internal sealed class RefusingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private volatile bool _refusing;

    public bool Refusing
    {
        get => _refusing;
        set => _refusing = value;
    }

    /// <summary>Wraps the "Default" grain storage the API registered.</summary>
    public static void Install(IServiceCollection services, Action<RefusingGrainStorage> created)
    {
        var registered = services.Single(descriptor =>
            descriptor.IsKeyedService
            && descriptor.ServiceType == typeof(IGrainStorage)
            && Equals(descriptor.ServiceKey, PersistentStateAttribute.DefaultStorageName));
        var factory = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, (provider, key) =>
        {
            var storage = new RefusingGrainStorage((IGrainStorage)factory(provider, key));
            created(storage);
            return storage;
        });
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _refusing ? Task.FromException(Refused()) : inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        _refusing ? Task.FromException(Refused()) : inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);

    private static IOException Refused() => new("The test's storage refuses writes.");
}
