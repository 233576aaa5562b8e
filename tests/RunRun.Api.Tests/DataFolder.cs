namespace RunRun.Api.Tests;

/// <summary>A data folder of its own for a test class whose hosts restart on it; deleted when the class is done.</summary>
public sealed class DataFolder : IDisposable
{
    public string Path { get; } = ApiHost.NewDataDirectory();

    public void Dispose() => ApiHost.DeleteDataDirectory(Path);
}
