using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;
using RunRun.Actors.Reminders;
using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteStorageSiloBuilderExtensionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "runrun-sqlite-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task UseSqliteStorage_OneFile_SharesOneDatabaseBetweenAllThreeProviders()
    {
        var builder = new TestSiloBuilder();
        builder.Services.AddSingleton(StorageTestSerializer.Create());
        builder.UseMemoryReminderTable();

        builder.UseSqliteStorage(Path.Combine(_directory, "silo.db"));

        await using var services = builder.Services.BuildServiceProvider();
        var participants = services.GetServices<ISiloLifecycleParticipant>().ToArray();
        var database = participants.OfType<AdoNetDatabase>().Distinct().ShouldHaveSingleItem();
        database.Stage.ShouldBe(SiloLifecycleStage.RuntimeStorage);
        foreach (var participant in participants)
        {
            await participant.OnStartAsync(CancellationToken.None);
        }

        var grain = GrainId.Create("wired", "grain");
        await services.GetRequiredKeyedService<IGrainStorage>("Default")
            .WriteStateAsync("state", grain, new GrainState<StorageTestState>(new StorageTestState("v", 1)), CancellationToken.None);
        await services.GetRequiredKeyedService<IJournalStorage>("Default").AppendAsync(grain, 0, [[1]], null, CancellationToken.None);
        var reminders = services.GetRequiredService<IReminderTable>();
        reminders.ShouldBeOfType<AdoNetReminderTable>();
        await reminders.UpsertRowAsync(new ReminderEntry(grain, "tick", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1)), CancellationToken.None);
        database.Writer.Writes.ShouldBe(3);

        foreach (var participant in participants.Reverse())
        {
            await participant.OnStopAsync(CancellationToken.None);
        }

        File.Exists(Path.Combine(_directory, "silo.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task AddSqliteGrainStorage_TwoNamesOnTwoFiles_GetTwoDatabases()
    {
        var builder = new TestSiloBuilder();
        builder.Services.AddSingleton(StorageTestSerializer.Create());

        builder.AddSqliteGrainStorage("A", options => options.DataSource = Path.Combine(_directory, "a.db"))
            .AddSqliteGrainStorage("B", options => options.DataSource = Path.Combine(_directory, "b.db"));

        await using var services = builder.Services.BuildServiceProvider();
        services.GetServices<ISiloLifecycleParticipant>().Distinct().Count().ShouldBe(2);
        services.GetRequiredKeyedService<IGrainStorage>("A").ShouldNotBeSameAs(services.GetRequiredKeyedService<IGrainStorage>("B"));
    }

    [Fact]
    public async Task AddSqliteGrainStorage_FromConfiguration_BindsTheSection()
    {
        var path = Path.Combine(_directory, "configured.db");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["RunRun:Storage:Sqlite:DataSource"] = path,
                ["RunRun:Storage:Sqlite:Synchronous"] = "Normal",
                ["RunRun:Storage:Sqlite:MaxBatchSize"] = "64",
            })
            .Build();
        var builder = new TestSiloBuilder(configuration);
        builder.Services.AddSingleton(StorageTestSerializer.Create());

        builder.AddSqliteGrainStorage();

        await using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get("GrainStorage:Default");
        options.DataSource.ShouldBe(path);
        options.Synchronous.ShouldBe(SqliteSynchronous.Normal);
        options.MaxBatchSize.ShouldBe(64);
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.WriteStateAsync("state", GrainId.Create("configured", "g"), new GrainState<StorageTestState>(new StorageTestState("v", 1)), CancellationToken.None);
        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public async Task AddSqliteGrainStorage_InvalidOptions_FailsAtStartupNamingTheKeys()
    {
        var builder = new TestSiloBuilder();
        builder.Services.AddSingleton(StorageTestSerializer.Create());

        builder.AddSqliteGrainStorage(configure: options => options.MaxBatchSize = 0);

        await using var services = builder.Services.BuildServiceProvider();
        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        failure.Message.ShouldContain("RunRun:Storage:Sqlite:DataSource must be set");
        failure.Message.ShouldContain("RunRun:Storage:Sqlite:MaxBatchSize must be positive");
    }
}
