using System.Runtime.ExceptionServices;
using RunRun.Actors.Invocation;

namespace RunRun.Actors.Runtime;

/// <summary>Walks the silo's incoming filters, then the grain's own, then the call.</summary>
internal sealed class IncomingCallContext(Message message, object grain, IIncomingGrainCallFilter[] filters) : IIncomingGrainCallContext
{
    private int _next;

    public object Grain { get; } = grain;

    public GrainId TargetId => message.Target;

    public string InterfaceName => message.Body.InterfaceName;

    public string MethodName => message.Body.MethodName;

    public Invokable Request => message.Body;

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

        if (index == filters.Length && Grain is IIncomingGrainCallFilter own)
        {
            await own.Invoke(this);
            return;
        }

        Response = await message.Body.InvokeAsync(Grain);
        if (Response.Exception is { } exception)
        {
            ExceptionDispatchInfo.Throw(exception);
        }
    }
}
