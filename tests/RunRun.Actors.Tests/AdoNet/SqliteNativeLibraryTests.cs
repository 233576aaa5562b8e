using RunRun.Actors.AdoNet;
using Xunit.Abstractions;

namespace RunRun.Actors.Tests.AdoNet;

public sealed class SqliteNativeLibraryTests(ITestOutputHelper output)
{
    // SQLite sleeps while it waits for a lock or retries a WAL read. The bundled e_sqlite3 rounds every
    // such sleep up to whole seconds, which stalled a write batch, and every order behind it, for 1 s.
    [Fact]
    public void Sleep_OneMillisecond_SleepsMillisecondsNotASecond()
    {
        SqliteNativeLibrary.EnsureLoaded();
        output.WriteLine(SqliteNativeLibrary.Description);

        var slept = SqliteNativeLibrary.Sleep(1);

        slept.ShouldBeLessThan(1_000, $"{SqliteNativeLibrary.Description} sleeps whole seconds; install the system's libsqlite3 (Debian: libsqlite3-0)");
    }

    [Fact]
    public async Task Engine_AfterTheFirstConnection_NamesTheLibraryAndVersionInUse()
    {
        SqliteNativeLibrary.EnsureLoaded();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        SqliteNativeLibrary.Description.ShouldStartWith($"SQLite {connection.ServerVersion} (");
    }
}
