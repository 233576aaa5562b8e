namespace RunRun.Actors.Invocation;

/// <summary>A completion that serializes the response for a caller in another process, so no local copy is needed.</summary>
internal interface IRemoteResponseSink : IResponseCompletionSource;
