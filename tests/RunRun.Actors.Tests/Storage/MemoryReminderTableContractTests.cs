using RunRun.Actors.Reminders;
using RunRun.Actors.Storage.Memory;

namespace RunRun.Actors.Tests.Storage;

public sealed class MemoryReminderTableContractTests : ReminderTableContractTests
{
    protected override Task<IReminderTable> CreateTableAsync() => Task.FromResult<IReminderTable>(new MemoryReminderTable());
}
