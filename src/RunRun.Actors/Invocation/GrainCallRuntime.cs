namespace RunRun.Actors.Invocation;

/// <summary>Sends requests made through grain references: the silo's runtime or a cluster client's.</summary>
public abstract class GrainCallRuntime
{
    public abstract IGrainFactory GrainFactory { get; }

    /// <summary>Sends <paramref name="request"/> to <paramref name="target"/>; a null completion means one-way.</summary>
    internal abstract void SendRequest(GrainReference target, Invokable request, IResponseCompletionSource? completion);
}
