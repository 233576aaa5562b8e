using System.Data.Common;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Everything that differs between database engines: how connections are made and set up, the
/// schema, the SQL text and how errors are recognized. The providers and the writer loop only
/// speak <see cref="DbConnection"/>, <see cref="SqlStatement"/> and <see cref="StorageSql"/>, so a new engine (MySQL) is a new
/// dialect and nothing else.
/// </summary>
public interface IStorageDialect
{
    /// <summary>Names the database; providers whose dialects have equal keys share one <see cref="AdoNetDatabase"/>.</summary>
    string DatabaseKey { get; }

    /// <summary>A short description for logs, without secrets.</summary>
    string DisplayName { get; }

    /// <summary>The engine and its version, for the start-up log; read once the first connection is open.</summary>
    string Engine { get; }

    StorageSql Sql { get; }

    /// <summary>Runs once before the first connection is opened (SQLite creates the file's directory).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the database for this process alone and returns the claim to hold until the database
    /// stops, or null when many processes share it (a server). Only a claimed database may answer
    /// a read from what it knows was written, without asking the engine.
    /// </summary>
    /// <exception cref="DatabaseInUseException">Another process holds the claim.</exception>
    IDisposable? ClaimForThisProcess() => null;

    /// <summary>Creates, opens and configures a connection for the single writer or for a reader.</summary>
    Task<DbConnection> OpenConnectionAsync(ConnectionPurpose purpose, CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema on the writer connection, at every start-up.</summary>
    Task ApplySchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Prepares <paramref name="sql"/> (one statement) on <paramref name="connection"/>, for reuse until disposed.</summary>
    SqlStatement Prepare(DbConnection connection, string sql);

    /// <summary>Begins a transaction that holds the write lock from its first statement (SQLite: BEGIN IMMEDIATE).</summary>
    DbTransaction BeginWriteTransaction(DbConnection connection);

    /// <summary>True when <paramref name="exception"/> reports a primary key or unique index violation.</summary>
    bool IsDuplicateKey(DbException exception);
}
