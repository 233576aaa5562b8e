using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Runtime;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Grains;

namespace RunRun.Actors.Tests.Runtime;

public sealed class StateAndConsistencyTests
{
    [Fact]
    public async Task SetName_StaleEtag_ThrowsInconsistentStateAndDeactivates()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProfileGrain>("contested");
        await grain.SetName("first");

        // Another writer updates the record behind the activation's back.
        var id = grain.GetGrainId();
        var outside = new GrainState<Profile>(new Profile());
        await cluster.GrainStorage.ReadStateAsync("profile", id, outside, CancellationToken.None);
        outside.State.Name = "outside";
        await cluster.GrainStorage.WriteStateAsync("profile", id, outside, CancellationToken.None);

        await Should.ThrowAsync<InconsistentStateException>(grain.SetName("stale"));

        await Clusters.Eventually(() => Task.FromResult(cluster.Log().Count("deactivate:contested:InconsistentState") == 1), "deactivation after conflict");
        (await grain.Get()).Name.ShouldBe("outside");
        await grain.SetName("fresh");
        (await grain.Get()).Name.ShouldBe("fresh");
    }

    [Fact]
    public async Task Get_MissingStorageName_FailsClearlyAndOtherGrainsWork()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Should.ThrowAsync<MissingStorageProviderException>(cluster.GrainFactory.GetGrain<IMisconfiguredGrain>("x").Get());

        error.Message.ShouldContain("no-such-store");
        error.Message.ShouldContain(nameof(MisconfiguredGrain));
        (await cluster.GrainFactory.GetGrain<ICounterGrain>("fine").Increment()).ShouldBe(1);
    }

    [Fact]
    public async Task WriteState_SiloKilledWhileTheWriteIsInStorage_TheWriteIsCancelled()
    {
        var storage = new StallingWriteStorage();
        await using var cluster = await Clusters.StartAsync(builder => builder.ConfigureSilo(silo =>
            silo.Services.AddKeyedSingleton<IGrainStorage>(PersistentStateAttribute.DefaultStorageName, storage)));
        var write = cluster.GrainFactory.GetGrain<IProfileGrain>("doomed").SetName("never stored");
        var token = await storage.WriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
        token.IsCancellationRequested.ShouldBeFalse();

        await cluster.KillSiloAsync(cluster.Primary);

        token.IsCancellationRequested.ShouldBeTrue();
        await Should.ThrowAsync<SiloUnavailableException>(write);
    }

    /// <summary>Reads find nothing; a write waits until its token is cancelled, and reports that token.</summary>
    private sealed class StallingWriteStorage : IGrainStorage
    {
        private readonly TaskCompletionSource<CancellationToken> _writeStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<CancellationToken> WriteStarted => _writeStarted.Task;

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
        {
            _writeStarted.TrySetResult(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
