using RunRun.Actors.Invocation;

namespace RunRun.Actors;

/// <summary>Key accessors for grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        Grain g => g.GrainId,
        GrainReference r => r.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain)),
    };

    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    public static Guid GetPrimaryKey(this IAddressable grain) => GrainKeys.ToGuid(grain.GetGrainId().Key);

    public static long GetPrimaryKeyLong(this IAddressable grain) => GrainKeys.ToInteger(grain.GetGrainId().Key);

    /// <summary>A reference to the same grain through another of its interfaces.</summary>
    public static TGrainInterface AsReference<TGrainInterface>(this IAddressable grain)
        where TGrainInterface : IGrain
    {
        var runtime = grain switch
        {
            GrainReference r => r.Runtime,
            Grain g => ((Runtime.ActivationData)g.GrainContext).Runtime,
            _ => throw new ArgumentException("Not a grain or grain reference.", nameof(grain)),
        };
        return runtime.GrainFactory.GetGrain<TGrainInterface>(grain.GetGrainId());
    }
}
