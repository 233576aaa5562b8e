using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>One request travelling to an activation, with what is needed to answer it.</summary>
internal sealed class Message
{
    public required long Id { get; init; }

    public required GrainId Target { get; init; }

    public required Invokable Body { get; init; }

    /// <summary>Who waits for the answer; null for one-way calls and timer ticks.</summary>
    public IResponseCompletionSource? Completion { get; init; }

    public DateTimeOffset ExpiresAt { get; init; } = DateTimeOffset.MaxValue;

    public bool IsReadOnly => (Body.Options & InvokeMethodOptions.ReadOnly) != 0;

    public bool IsAlwaysInterleave => (Body.Options & InvokeMethodOptions.AlwaysInterleave) != 0;

    public override string ToString() => $"#{Id} {Body} to {Target}";
}
