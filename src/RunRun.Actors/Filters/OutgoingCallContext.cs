using System.Runtime.ExceptionServices;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>Walks the outgoing filters, then sends the call and waits for its response.</summary>
internal sealed class OutgoingCallContext(
    GrainReference target,
    Invokable request,
    GrainId? sourceId,
    IOutgoingGrainCallFilter[] filters,
    bool oneWay,
    Action<GrainReference, Invokable, IResponseCompletionSource?> send) : IOutgoingGrainCallContext
{
    private int _next;

    public GrainId TargetId => target.GrainId;

    public GrainId? SourceId { get; } = sourceId;

    public string InterfaceName => request.InterfaceName;

    public string MethodName => request.MethodName;

    public Invokable Request => request;

    public Response? Response { get; set; }

    public object? Result => Response?.Result;

    public async Task Invoke()
    {
        var index = _next++;
        if (index < filters.Length)
        {
            await filters[index].Invoke(this);
            return;
        }

        if (oneWay)
        {
            send(target, request, null);
            Response = Response.Completed;
            return;
        }

        var completion = new RawResponseCompletionSource(request);
        send(target, request, completion);
        Response = await completion.Task;
        if (Response.Exception is { } exception)
        {
            ExceptionDispatchInfo.Throw(exception);
        }
    }
}
