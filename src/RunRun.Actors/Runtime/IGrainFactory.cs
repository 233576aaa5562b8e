namespace RunRun.Actors;

/// <summary>Makes typed references to grains; the grain is activated on its first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(long primaryKey)
        where TGrainInterface : IGrainWithIntegerKey;

    /// <summary>A reference of interface <typeparamref name="TGrainInterface"/> to an existing grain id.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IGrain;
}

/// <summary>A client of the cluster: a grain factory usable from outside grains.</summary>
public interface IClusterClient : IGrainFactory;
