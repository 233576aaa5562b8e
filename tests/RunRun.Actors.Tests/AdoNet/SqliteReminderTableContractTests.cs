using RunRun.Actors.AdoNet;
using RunRun.Actors.Reminders;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteReminderTableContractTests : ReminderTableContractTests
{
    private SqliteTestDatabase? _database;

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IReminderTable> CreateTableAsync()
    {
        _database = await SqliteTestDatabase.StartAsync();
        return new AdoNetReminderTable(_database.Database);
    }
}
