using System.Text.Json;
using Microsoft.Data.Sqlite;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Testing;

namespace RunRun.Actors.Tests.Integration;

/// <summary>
/// A SQLite file in a fresh temporary directory that silos of a test cluster share, with a raw
/// connection of the test's own to look inside it. The directory is deleted on dispose.
/// </summary>
internal sealed class SqliteFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "runrun-integration-tests", Guid.NewGuid().ToString("N"));

    public SqliteFile() => Path = System.IO.Path.Combine(_directory, "silo.db");

    /// <summary>The database file; its directory does not exist until a silo starts.</summary>
    public string Path { get; }

    /// <summary>Configures every silo of the cluster to keep grain state, journals and reminders in this file.</summary>
    public void Use(TestClusterBuilder builder) => builder.ConfigureSilo(silo => silo.UseSqliteStorage(Path));

    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the test's own constant text; values go in as parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The stored JSON of one grain state row, or null when there is no row (or it was cleared).</summary>
    public async Task<JsonElement?> ReadStateAsync(string stateName, GrainId grainId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = @state_name AND grain_id = @grain_id;";
        command.Parameters.AddWithValue("@state_name", stateName);
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        if (await command.ExecuteScalarAsync() is not byte[] payload)
        {
            return null;
        }

        using var document = JsonDocument.Parse(payload);
        return document.RootElement.Clone();
    }

    /// <summary>A property of stored JSON, whatever naming policy the serializer used.</summary>
    public static JsonElement Property(JsonElement json, string name) =>
        json.EnumerateObject().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
