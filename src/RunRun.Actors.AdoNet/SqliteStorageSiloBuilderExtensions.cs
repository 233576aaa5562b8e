using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Reminders;
using RunRun.Actors.Storage;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// Registers the SQLite storage providers. Each registration binds its own named
/// <see cref="SqliteStorageOptions"/> from <see cref="SqliteStorageOptions.SectionName"/> and then
/// applies its configure action; registrations that end up on the same file share one database.
/// </summary>
public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>Adds SQLite <see cref="IGrainStorage"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name = "Default", Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var database = builder.AddSqliteDatabase($"GrainStorage:{name}", configure);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name,
            (services, _) => new AdoNetGrainStorage(
                services.GetRequiredKeyedService<AdoNetDatabase>(database),
                services.GetRequiredService<IGrainStorageSerializer>()));
        return builder;
    }

    /// <summary>Adds SQLite <see cref="IJournalStorage"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteJournalStorage(this ISiloBuilder builder, string name = "Default", Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var database = builder.AddSqliteDatabase($"JournalStorage:{name}", configure);
        builder.Services.AddKeyedSingleton<IJournalStorage>(
            name,
            (services, _) => new AdoNetJournalStorage(services.GetRequiredKeyedService<AdoNetDatabase>(database)));
        return builder;
    }

    /// <summary>Makes a SQLite table the silo's <see cref="IReminderTable"/>, replacing any other.</summary>
    public static ISiloBuilder UseSqliteReminderTable(this ISiloBuilder builder, Action<SqliteStorageOptions>? configure = null)
    {
        var database = builder.AddSqliteDatabase("Reminders", configure);
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<IReminderTable>(
            services => new AdoNetReminderTable(services.GetRequiredKeyedService<AdoNetDatabase>(database)));
        return builder;
    }

    /// <summary>Keeps grain state, journals and reminders ("Default" providers) in one SQLite file.</summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, string dataSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataSource);
        void Configure(SqliteStorageOptions options) => options.DataSource = dataSource;
        return builder
            .AddSqliteGrainStorage(configure: Configure)
            .AddSqliteJournalStorage(configure: Configure)
            .UseSqliteReminderTable(Configure);
    }

    /// <summary>Registers the options named <paramref name="optionsName"/> and the database they lead to; returns the database's service key.</summary>
    private static string AddSqliteDatabase(this ISiloBuilder builder, string optionsName, Action<SqliteStorageOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SqliteStorageOptions>(optionsName)
            .Bind(builder.Configuration.GetSection(SqliteStorageOptions.SectionName))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        services.TryAddSingleton(provider => new AdoNetDatabaseRegistry(provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        var registered = services.Any(descriptor =>
            descriptor.IsKeyedService
            && descriptor.ServiceType == typeof(AdoNetDatabase)
            && Equals(descriptor.ServiceKey, optionsName));
        if (!registered)
        {
            services.AddKeyedSingleton(optionsName, (provider, _) =>
            {
                var resolved = provider.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(optionsName);
                return provider.GetRequiredService<AdoNetDatabaseRegistry>().GetOrAdd(new SqliteDialect(resolved), resolved.MaxBatchSize);
            });

            // Two option names on one file resolve to one database; starting and stopping it twice is harmless.
            services.AddSingleton<ISiloLifecycleParticipant>(provider => provider.GetRequiredKeyedService<AdoNetDatabase>(optionsName));
        }

        return optionsName;
    }
}
