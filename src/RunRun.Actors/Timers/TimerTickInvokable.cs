using System.Text.Json;
using RunRun.Actors.Invocation;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Timers;

/// <summary>A timer tick travelling through the activation's mailbox; it never leaves the silo.</summary>
internal sealed class TimerTickInvokable(GrainTimer timer) : Invokable
{
    public override string InterfaceName => "timer";

    public override string MethodName => "tick";

    public bool KeepAlive => timer.KeepAlive;

    public override InvokeMethodOptions Options => timer.Interleave ? InvokeMethodOptions.AlwaysInterleave : InvokeMethodOptions.None;

    public override async ValueTask<Response> InvokeAsync(object grain)
    {
        try
        {
            await timer.TickAsync();
            return Response.Completed;
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }

    public override void CopyArguments(ActorSerializer serializer)
    {
    }

    public override void WriteArguments(Utf8JsonWriter writer, ActorSerializer serializer) =>
        throw new NotSupportedException("Timer ticks are local to their activation and are never serialized.");

    public override void ReadArguments(ref Utf8JsonReader reader, ActorSerializer serializer) =>
        throw new NotSupportedException("Timer ticks are local to their activation and are never serialized.");

    public override Response ReadResult(ref Utf8JsonReader reader, ActorSerializer serializer) => Response.Completed;
}
