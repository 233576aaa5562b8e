using RunRun.Actors.Storage;
using RunRun.Actors.Storage.Memory;

namespace RunRun.Actors.Tests.Storage;

public sealed class MemoryGrainStorageContractTests : GrainStorageContractTests
{
    protected override Task<IGrainStorage> CreateStorageAsync() =>
        Task.FromResult<IGrainStorage>(new MemoryGrainStorage(StorageTestSerializer.Create()));
}
