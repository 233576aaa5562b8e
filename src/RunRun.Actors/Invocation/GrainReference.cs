namespace RunRun.Actors.Invocation;

/// <summary>
/// A typed, serializable handle to a grain. The generated reference classes derive from this; a
/// reference holds only the grain id and interface name, never a pointer to an activation.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(GrainCallRuntime runtime, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Runtime = runtime;
        GrainId = grainId;
    }

    public GrainId GrainId { get; }

    /// <summary>The full name of the grain interface this reference was made for.</summary>
    public abstract string InterfaceName { get; }

    internal GrainCallRuntime Runtime { get; }

    public bool Equals(GrainReference? other) =>
        other is not null && GrainId == other.GrainId && InterfaceName == other.InterfaceName;

    public override bool Equals(object? obj) => Equals(obj as GrainReference);

    public override int GetHashCode() => HashCode.Combine(GrainId, InterfaceName);

    public override string ToString() => $"{InterfaceName}:{GrainId}";

    protected Task InvokeAsync(Invokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Options & InvokeMethodOptions.OneWay) != 0)
        {
            Runtime.SendRequest(this, request, completion: null);
            return Task.CompletedTask;
        }

        var completion = new ResponseCompletionSource(request);
        Runtime.SendRequest(this, request, completion);
        return completion.Task;
    }

    protected Task<T> InvokeAsync<T>(Invokable request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var completion = new ResponseCompletionSource<T>(request);
        Runtime.SendRequest(this, request, completion);
        return completion.Task;
    }
}
