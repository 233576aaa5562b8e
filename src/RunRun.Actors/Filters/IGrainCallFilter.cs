using RunRun.Actors.Invocation;

namespace RunRun.Actors;

/// <summary>What a call filter sees of one call.</summary>
public interface IGrainCallContext
{
    GrainId TargetId { get; }

    string InterfaceName { get; }

    string MethodName { get; }

    Invokable Request { get; }

    /// <summary>The outcome, once <see cref="Invoke"/> has returned; a filter may replace it.</summary>
    Response? Response { get; set; }

    /// <summary>The result value of a successful call, if it has one.</summary>
    object? Result { get; }

    /// <summary>Runs the next filter, or the call itself; throws what the grain threw.</summary>
    Task Invoke();
}

/// <summary>A call arriving at a grain on this silo.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    object Grain { get; }
}

/// <summary>A call leaving for a grain; SourceId is the calling grain, if a grain called.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext
{
    GrainId? SourceId { get; }
}

/// <summary>Runs around every call that arrives at a grain (metrics, tracing, logging). Grains may implement it for their own calls.</summary>
public interface IIncomingGrainCallFilter
{
    Task Invoke(IIncomingGrainCallContext context);
}

/// <summary>Runs around every call that a grain or client makes.</summary>
public interface IOutgoingGrainCallFilter
{
    Task Invoke(IOutgoingGrainCallContext context);
}
