using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;

namespace RunRun.Actors.Tests.Storage;

internal static class StorageTestSerializer
{
    public static IGrainStorageSerializer Create() =>
        new JsonGrainStorageSerializer(new ActorSerializer([StorageTestJsonContext.Default]));
}
