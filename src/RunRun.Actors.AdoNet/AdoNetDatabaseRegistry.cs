using Microsoft.Extensions.Logging;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Hands out one <see cref="AdoNetDatabase"/> per database key, so every provider on one database
/// shares its writer loop (SQLite has one writer; splitting writes over several loops would only
/// make them wait for each other's locks).
/// </summary>
internal sealed class AdoNetDatabaseRegistry(ILoggerFactory loggerFactory)
{
    private readonly Dictionary<string, AdoNetDatabase> _databases = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The database of <paramref name="dialect"/>'s key; the first caller's batch size wins.</summary>
    public AdoNetDatabase GetOrAdd(IStorageDialect dialect, int maxBatchSize)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        lock (_lock)
        {
            if (!_databases.TryGetValue(dialect.DatabaseKey, out var database))
            {
                database = new AdoNetDatabase(dialect, maxBatchSize, loggerFactory.CreateLogger<AdoNetDatabase>());
                _databases.Add(dialect.DatabaseKey, database);
            }

            return database;
        }
    }
}
