using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Reminders;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;

namespace RunRun.Actors.Tests.Storage;

public sealed class MemoryStorageSiloBuilderExtensionsTests
{
    [Fact]
    public async Task AddMemoryGrainStorage_Named_RegistersKeyedStorageThatUsesTheSerializer()
    {
        var builder = new TestSiloBuilder();
        builder.Services.AddSingleton(StorageTestSerializer.Create());

        builder.AddMemoryGrainStorage().AddMemoryGrainStorage("Archive");

        await using var services = builder.Services.BuildServiceProvider();
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        storage.ShouldBeOfType<MemoryGrainStorage>();
        services.GetRequiredKeyedService<IGrainStorage>("Archive").ShouldNotBeSameAs(storage);
        var state = new GrainState<StorageTestState>(new StorageTestState("x", 1));
        await storage.WriteStateAsync("s", GrainId.Create("t", "k"), state, CancellationToken.None);
        state.ETag.ShouldBe("1");
    }

    [Fact]
    public async Task AddMemoryJournalStorage_Named_RegistersKeyedJournal()
    {
        var builder = new TestSiloBuilder();

        builder.AddMemoryJournalStorage("Events");

        await using var services = builder.Services.BuildServiceProvider();
        services.GetRequiredKeyedService<IJournalStorage>("Events").ShouldBeOfType<MemoryJournalStorage>();
        services.GetKeyedService<IJournalStorage>("Default").ShouldBeNull();
    }

    [Fact]
    public async Task UseMemoryReminderTable_AfterAnotherTable_ReplacesIt()
    {
        var builder = new TestSiloBuilder();
        builder.Services.AddSingleton<IReminderTable>(new MemoryReminderTable());
        builder.Services.AddSingleton<IReminderTable>(new MemoryReminderTable());

        builder.UseMemoryReminderTable();

        builder.Services.Count(descriptor => descriptor.ServiceType == typeof(IReminderTable)).ShouldBe(1);
        await using var services = builder.Services.BuildServiceProvider();
        services.GetRequiredService<IReminderTable>().ShouldBeOfType<MemoryReminderTable>();
    }

    [Fact]
    public async Task MemoryGrainStorage_ReusedAcrossContainers_KeepsState()
    {
        var shared = new MemoryGrainStorage(StorageTestSerializer.Create());
        var grain = GrainId.Create("t", "survivor");
        await shared.WriteStateAsync("s", grain, new GrainState<StorageTestState>(new StorageTestState("kept", 1)), CancellationToken.None);

        var restarted = new TestSiloBuilder();
        restarted.Services.AddKeyedSingleton<IGrainStorage>("Default", shared);
        await using var services = restarted.Services.BuildServiceProvider();
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync("s", grain, read, CancellationToken.None);

        read.State.ShouldBe(new StorageTestState("kept", 1));
    }
}
