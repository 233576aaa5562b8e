using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;

namespace RunRun.Actors.Tests.Storage;

public sealed class MemoryJournalStorageContractTests : JournalStorageContractTests
{
    protected override Task<IJournalStorage> CreateJournalAsync() => Task.FromResult<IJournalStorage>(new MemoryJournalStorage());
}
