using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RunRun.Actors.Hosting;
using RunRun.Actors.Reminders;
using RunRun.Actors.Storage;

namespace RunRun.Benchmarks.Discard;

internal static class DiscardStorageSiloBuilderExtensions
{
    /// <summary>Makes storage that keeps nothing the silo's "Default" grain storage, journal storage and reminder table.</summary>
    public static ISiloBuilder UseDiscardStorage(this ISiloBuilder builder)
    {
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            "Default",
            (services, _) => new DiscardGrainStorage(services.GetRequiredService<IGrainStorageSerializer>()));
        builder.Services.AddKeyedSingleton<IJournalStorage>("Default", (_, _) => new DiscardJournalStorage());
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<IReminderTable, DiscardReminderTable>();
        return builder;
    }
}
