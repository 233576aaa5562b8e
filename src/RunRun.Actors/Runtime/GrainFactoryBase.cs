using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>Turns interface and key into a generated reference bound to a call runtime.</summary>
public abstract class GrainFactoryBase : GrainCallRuntime, IClusterClient
{
    private protected GrainFactoryBase(GrainClassCatalog classes) => GrainClasses = classes;

    public override IGrainFactory GrainFactory => this;

    internal GrainClassCatalog GrainClasses { get; }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey =>
        Create<TGrainInterface>(GrainKeys.FromString(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKeys.FromGuid(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKeys.FromInteger(primaryKey));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain
    {
        var metadata = GrainClasses.Registry.GetInterface(typeof(TGrainInterface));
        return (TGrainInterface)(object)metadata.CreateReference(this, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var metadata = GrainClasses.Registry.GetInterface(typeof(TGrainInterface));
        var grainType = GrainClasses.GetGrainType(typeof(TGrainInterface));
        return (TGrainInterface)(object)metadata.CreateReference(this, new GrainId(grainType, key));
    }
}
