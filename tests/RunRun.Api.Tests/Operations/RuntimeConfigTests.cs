using System.Text.Json;

namespace RunRun.Api.Tests.Operations;

/// <summary>
/// The API co-hosts a silo, so it must run the GC the silo is tuned for (Directory.Build.targets):
/// the build writes that choice into RunRun.Api.runtimeconfig.json, which is what the runtime reads.
/// </summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void The_API_runs_server_GC_with_background_collections_and_without_DATAS()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RunRun.Api.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        properties.GetProperty("System.GC.Server").GetBoolean().ShouldBeTrue();
        properties.GetProperty("System.GC.Concurrent").GetBoolean().ShouldBeTrue();
        properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32().ShouldBe(0);
    }
}
