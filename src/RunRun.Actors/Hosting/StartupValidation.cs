using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Invocation;
using RunRun.Actors.Serialization;
using RunRun.Actors.Storage;

namespace RunRun.Actors.Hosting;

/// <summary>
/// Lists, at start-up, every grain that could not work: storage names nobody registered and types
/// with no serializer metadata. They are logged rather than fatal because one process may hold
/// grain classes that this silo never activates; the same faults fail the call that meets them.
/// </summary>
internal static class StartupValidation
{
    public static IReadOnlyList<string> FindProblems(GrainTypeRegistry registry, IServiceProvider services, ActorSerializer serializer)
    {
        var keyed = services.GetRequiredService<IServiceProviderIsKeyedService>();
        var problems = new List<string>();
        foreach (var grainClass in registry.Classes)
        {
            var name = grainClass.Metadata.GrainClass.FullName;
            foreach (var state in grainClass.Metadata.PersistentStates)
            {
                if (!keyed.IsKeyedService(typeof(IGrainStorage), state.StorageName))
                {
                    problems.Add($"{name}: state '{state.StateName}' uses grain storage '{state.StorageName}', which is not registered.");
                }
            }

            if (grainClass.IsJournaled && !keyed.IsKeyedService(typeof(IJournalStorage), grainClass.JournalStorageName))
            {
                problems.Add($"{name}: journal storage '{grainClass.JournalStorageName}' is not registered.");
            }
        }

        foreach (var grainInterface in registry.Interfaces)
        {
            foreach (var type in grainInterface.SerializedTypes.Where(t => !serializer.CanSerialize(t)))
            {
                problems.Add($"{grainInterface.InterfaceName}: type '{type.FullName}' has no System.Text.Json metadata; add it to a JsonSerializerContext registered with AddSerializerContext.");
            }
        }

        return problems;
    }
}
