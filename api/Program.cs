using RunRun.Api.Infrastructure;

// The embedded default: this API with a silo in the same process (SQLite in the data folder, the
// payment simulator). api/README.md has the contract; the root README the one command to run it.
var builder = WebApplication.CreateBuilder(args);
builder.AddRunRunApi();
var app = builder.Build();
app.UseRunRunApi();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
