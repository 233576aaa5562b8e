using System.Text.Json;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Storage;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteCorruptStateTests
{
    [Fact]
    public async Task ReadStateAsync_GarbagePayload_ThrowsCorruptStateNamingTheGrainAndLeavesOthersWorking()
    {
        await using var sqlite = await SqliteTestDatabase.StartAsync();
        var storage = sqlite.GrainStorage();
        var broken = GrainId.Create("corrupt", "victim");
        var healthy = GrainId.Create("corrupt", "bystander");
        var healthyState = new GrainState<StorageTestState>(new StorageTestState("fine", 1));
        await storage.WriteStateAsync("profile", broken, new GrainState<StorageTestState>(new StorageTestState("soon garbage", 1)), CancellationToken.None);
        await storage.WriteStateAsync("profile", healthy, healthyState, CancellationToken.None);

        await using (var raw = await sqlite.OpenRawConnectionAsync())
        {
            var tamper = raw.CreateCommand();
            tamper.CommandText = "UPDATE grain_state SET payload = @garbage WHERE grain_id = @grain_id;";
            tamper.Parameters.AddWithValue("@garbage", new byte[] { 0x7B, 0x6E, 0x6F, 0x74, 0x20, 0xFF, 0x00, 0x22 });
            tamper.Parameters.AddWithValue("@grain_id", broken.ToString());
            (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var corrupt = await Should.ThrowAsync<CorruptStateException>(() =>
            storage.ReadStateAsync("profile", broken, new GrainState<StorageTestState>(new StorageTestState("", 0)), CancellationToken.None));

        corrupt.Message.ShouldContain(broken.ToString());
        corrupt.Message.ShouldContain("profile");
        corrupt.InnerException.ShouldBeAssignableTo<JsonException>();
        var read = new GrainState<StorageTestState>(new StorageTestState("", 0));
        await storage.ReadStateAsync("profile", healthy, read, CancellationToken.None);
        read.State.ShouldBe(new StorageTestState("fine", 1));
        healthyState.State = new StorageTestState("still fine", 2);
        await storage.WriteStateAsync("profile", healthy, healthyState, CancellationToken.None);
    }
}
