namespace RunRun.Actors.Invocation;

/// <summary>Receives the response to one request; the caller awaits the task behind it.</summary>
public interface IResponseCompletionSource
{
    /// <summary>Delivers the response; inside an activation's turn the delivery waits until the turn's work is over.</summary>
    void Complete(Response response);

    /// <summary>Delivers the response on this thread now.</summary>
    void CompleteNow(Response response);

    /// <summary>The invokable whose result this source expects, so a remote response can be read.</summary>
    Invokable Request { get; }
}
