using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteGrainStorageContractTests : GrainStorageContractTests
{
    private SqliteTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IGrainStorage> CreateStorageAsync()
    {
        _database = await SqliteTestDatabase.StartAsync();
        return new AdoNetGrainStorage(_database.Database, StorageTestSerializer.Create());
    }
}
