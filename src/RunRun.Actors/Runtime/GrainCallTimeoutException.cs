namespace RunRun.Actors.Runtime;

/// <summary>A grain call got no response within the response timeout.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException(GrainId grainId, string method, TimeSpan timeout)
        : base($"Call to {method} on grain {grainId} did not complete within {timeout}.")
    {
        GrainId = grainId;
        Method = method;
    }

    public GrainCallTimeoutException()
    {
        Method = string.Empty;
    }

    public GrainCallTimeoutException(string message)
        : base(message)
    {
        Method = string.Empty;
    }

    public GrainCallTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = string.Empty;
    }

    public GrainId GrainId { get; }

    public string Method { get; }
}
