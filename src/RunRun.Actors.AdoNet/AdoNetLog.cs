using Microsoft.Extensions.Logging;

namespace RunRun.Actors.AdoNet;

internal static partial class AdoNetLog
{
    [LoggerMessage(1, LogLevel.Information, "Storage database {Database} started on {Engine} (max batch {MaxBatchSize}).")]
    public static partial void Started(ILogger logger, string database, string engine, int maxBatchSize);

    [LoggerMessage(2, LogLevel.Information, "Storage database {Database} stopped after {Batches} batches, {Operations} operations.")]
    public static partial void Stopped(ILogger logger, string database, long batches, long operations);

    [LoggerMessage(3, LogLevel.Error, "Storage database {Database}: a batch of {Count} writes failed; all of them were reported as failed.")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string database, int count);

    [LoggerMessage(4, LogLevel.Warning, "Storage database {Database}: {Operation} failed; the rest of its batch was written without it.")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string database, string operation);

    [LoggerMessage(5, LogLevel.Warning, "Storage database {Database}: rollback failed; the writer connection is reopened.")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(6, LogLevel.Information, "Storage database {Database}: {Rows} stored grain states scanned in {Milliseconds:F0} ms; reads of states never written no longer query it.")]
    public static partial void StoredStatesScanned(ILogger logger, string database, long rows, double milliseconds);

    [LoggerMessage(7, LogLevel.Warning, "Storage database {Database}: the scan of stored grain states failed; every read queries the database.")]
    public static partial void StoredStatesScanFailed(ILogger logger, Exception exception, string database);
}
