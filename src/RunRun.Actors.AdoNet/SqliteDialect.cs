using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// SQLite: one file in WAL mode, so readers never block the single writer and the writer never
/// blocks readers. The schema is deploy/sql/sqlite/schema.sql, embedded in this assembly.
/// </summary>
public sealed class SqliteDialect : IStorageDialect
{
    private const string SchemaResource = "RunRun.Actors.AdoNet.Sql.Sqlite.schema.sql";
    private const string Columns = "SELECT grain_id, reminder_name, start_at, period_ms, etag FROM reminders";

    // SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    private static readonly StorageSql Statements = new()
    {
        ReadGrainState = "SELECT etag, payload FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;",
        ReadGrainStateEtag = "SELECT etag FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;",
        ReadGrainStateKeys = "SELECT state_name, grain_id FROM grain_state;",
        InsertGrainState = "INSERT INTO grain_state (state_name, grain_id, grain_hash, etag, payload) VALUES (@state_name, @grain_id, @grain_hash, @new_etag, @payload) ON CONFLICT (state_name, grain_id) DO NOTHING;",
        UpdateGrainState = "UPDATE grain_state SET etag = @new_etag, payload = @payload WHERE state_name = @state_name AND grain_id = @grain_id AND etag = @etag;",
        ReadJournalVersion = "SELECT MAX(COALESCE((SELECT MAX(seq) FROM journal_events WHERE grain_id = @grain_id), 0), COALESCE((SELECT version FROM journal_snapshots WHERE grain_id = @grain_id), 0));",
        InsertJournalEvent = "INSERT INTO journal_events (grain_id, seq, payload) VALUES (@grain_id, @seq, @payload);",
        UpsertJournalSnapshot = "INSERT INTO journal_snapshots (grain_id, version, payload) VALUES (@grain_id, @version, @payload) ON CONFLICT (grain_id) DO UPDATE SET version = excluded.version, payload = excluded.payload;",
        ReadJournalSnapshot = "SELECT version, payload FROM journal_snapshots WHERE grain_id = @grain_id;",
        ReadJournalEvents = "SELECT payload FROM journal_events WHERE grain_id = @grain_id AND seq > @after ORDER BY seq;",
        UpsertReminder = "INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag) VALUES (@grain_id, @reminder_name, @grain_hash, @start_at, @period_ms, @etag) ON CONFLICT (grain_id, reminder_name) DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms, etag = excluded.etag;",
        DeleteReminder = "DELETE FROM reminders WHERE grain_id = @grain_id AND reminder_name = @reminder_name AND etag = @etag;",
        ReadReminder = $"{Columns} WHERE grain_id = @grain_id AND reminder_name = @reminder_name;",
        ReadRemindersOfGrain = $"{Columns} WHERE grain_id = @grain_id;",
        ReadRemindersInRange = $"{Columns} WHERE grain_hash > @begin AND grain_hash <= @end;",
        ReadRemindersInWrappedRange = $"{Columns} WHERE grain_hash > @begin OR grain_hash <= @end;",
    };

    private readonly string _connectionString;
    private readonly string _path;
    private readonly string? _directory;
    private readonly SqliteSynchronous _synchronous;
    private readonly long _busyTimeoutMs;

    public SqliteDialect(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString ?? string.Empty);
        if (!string.IsNullOrWhiteSpace(options.DataSource))
        {
            builder.DataSource = options.DataSource;

            // The pool is this class's own (connections stay open with their prepared commands); a
            // second pool underneath would only keep the file open after the database is disposed.
            builder.Pooling = false;
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException($"{SqliteStorageOptions.SectionName}:{nameof(options.DataSource)} must be set.", nameof(options));
        }

        // A full path, so that two spellings of one file share one database object and one writer.
        builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        // Microsoft.Data.Sqlite retries a busy statement for DefaultTimeout on top of busy_timeout; 0 would mean forever.
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        _connectionString = builder.ToString();
        _path = builder.DataSource;
        _directory = Path.GetDirectoryName(builder.DataSource);
        _synchronous = options.Synchronous;
        _busyTimeoutMs = (long)options.BusyTimeout.TotalMilliseconds;
        DisplayName = $"sqlite:{builder.DataSource}";
    }

    // The file, not the connection string: two providers on one file with different settings must
    // still share one writer (and one claim on the file); the first one's settings win.
    public string DatabaseKey => _path;

    public string DisplayName { get; }

    public string Engine => SqliteNativeLibrary.Description;

    public StorageSql Sql => Statements;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_directory))
        {
            Directory.CreateDirectory(_directory);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// An exclusive lock on a file beside the database, held while the database runs. SQLite storage
    /// is the embedded default, one process's own; a second process (or a second database object in
    /// this one) on the same file is refused rather than left to write behind the first one's back.
    /// </summary>
    /// <remarks>
    /// The lock is advisory, and .NET can be told not to take it (DOTNET_SYSTEM_IO_DISABLEFILELOCKING).
    /// If a second exclusive open of the same file succeeds, locking is off: no claim is made, and the
    /// database queries every read as if it were shared.
    /// </remarks>
    public IDisposable? ClaimForThisProcess()
    {
        var lockPath = _path + ".lock";
        FileStream claim;
        try
        {
            claim = OpenExclusive(lockPath);
        }
        catch (IOException exception)
        {
            throw new DatabaseInUseException(
                $"The SQLite database {_path} is in use by another process (it holds {lockPath}), or the lock file cannot be opened: {exception.Message} SQLite storage serves one process; stop the other one, or give this one its own data folder.",
                exception);
        }

        try
        {
            using (OpenExclusive(lockPath))
            {
                claim.Dispose();
                return null;
            }
        }
        catch (IOException)
        {
            return claim;
        }
    }

    private static FileStream OpenExclusive(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);

    public async Task<DbConnection> OpenConnectionAsync(ConnectionPurpose purpose, CancellationToken cancellationToken)
    {
        SqliteNativeLibrary.EnsureLoaded();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var pragmas = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = {_synchronous.ToString().ToUpperInvariant()};");
            if (purpose == ConnectionPurpose.Reader)
            {
                pragmas += " PRAGMA query_only = 1;";
            }

            await ExecuteAsync(connection, pragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task ApplySchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // WAL is a property of the file, so setting it once on the writer covers every connection.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, await ReadSchemaAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public SqlStatement Prepare(DbConnection connection, string sql) => new SqliteStatement((SqliteConnection)connection, sql);

    /// <summary>BEGIN IMMEDIATE: the write lock is taken up front, so the checks a batch makes stay true until it commits.</summary>
    public DbTransaction BeginWriteTransaction(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public bool IsDuplicateKey(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation or UniqueViolation };

    private static async Task<string> ReadSchemaAsync(CancellationToken cancellationToken)
    {
        var stream = typeof(SqliteDialect).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {SchemaResource} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
#pragma warning disable CA2100 // Fixed pragmas and the embedded schema; no user input.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
