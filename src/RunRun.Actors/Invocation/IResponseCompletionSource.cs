namespace RunRun.Actors.Invocation;

/// <summary>Receives the response to one request; the caller awaits the task behind it.</summary>
public interface IResponseCompletionSource
{
    void Complete(Response response);

    /// <summary>The invokable whose result this source expects, so a remote response can be read.</summary>
    Invokable Request { get; }
}
