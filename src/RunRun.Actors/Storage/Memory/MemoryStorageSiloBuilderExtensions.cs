using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunRun.Actors.Hosting;
using RunRun.Actors.Reminders;

namespace RunRun.Actors.Storage.Memory;

/// <summary>Registers the in-memory storage providers.</summary>
public static class MemoryStorageSiloBuilderExtensions
{
    /// <summary>Adds an in-memory <see cref="IGrainStorage"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name,
            (services, _) => new MemoryGrainStorage(services.GetRequiredService<IGrainStorageSerializer>()));
        return builder;
    }

    /// <summary>Adds an in-memory <see cref="IJournalStorage"/> under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryJournalStorage(this ISiloBuilder builder, string name = "Default")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.AddKeyedSingleton<IJournalStorage>(name, (_, _) => new MemoryJournalStorage());
        return builder;
    }

    /// <summary>Makes an in-memory table the silo's <see cref="IReminderTable"/>, replacing any other.</summary>
    public static ISiloBuilder UseMemoryReminderTable(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<IReminderTable, MemoryReminderTable>();
        return builder;
    }
}
