using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Tests.Storage;

namespace RunRun.Actors.Tests.AdoNet;

/// <summary>A started SQLite database in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private SqliteTestDatabase(string directory, SqliteStorageOptions options)
    {
        _directory = directory;
        Options = options;
        Database = Create();
    }

    public SqliteStorageOptions Options { get; }

    public AdoNetDatabase Database { get; private set; }

    /// <summary>Grain storage over the current <see cref="Database"/>, with the tests' serializer.</summary>
    public AdoNetGrainStorage GrainStorage() => new(Database, StorageTestSerializer.Create());

    public static async Task<SqliteTestDatabase> StartAsync(Action<SqliteStorageOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "runrun-sqlite-tests", Guid.NewGuid().ToString("N"));

        // A directory that does not exist yet: start-up must create it.
        var options = new SqliteStorageOptions { DataSource = Path.Combine(directory, "data", "storage.db") };
        configure?.Invoke(options);
        var database = new SqliteTestDatabase(directory, options);
        await database.Database.OnStartAsync(CancellationToken.None);
        return database;
    }

    /// <summary>Disposes the database and opens a new one on the same file, as a silo restart does.</summary>
    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        Database = Create();
        await Database.OnStartAsync(CancellationToken.None);
    }

    /// <summary>A connection of the test's own, outside the database object, for tampering and lock holding.</summary>
    public async Task<SqliteConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Options.DataSource, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="queue"/> while a connection of the test's own holds SQLite's write lock,
    /// so the writes it starts pile up in the queue and then commit together.
    /// </summary>
    public async Task<T> QueueBehindWriteLockAsync<T>(Func<T> queue)
    {
        await using var raw = await OpenRawConnectionAsync();
        using var writeLock = raw.BeginTransaction(deferred: false);
        var queued = queue();
        await Task.Delay(100);
        writeLock.Commit();
        return queued;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private AdoNetDatabase Create() => new(new SqliteDialect(Options), Options.MaxBatchSize, NullLogger<AdoNetDatabase>.Instance);
}
