using RunRun.Actors.Invocation;
using RunRun.Actors.Runtime;

namespace RunRun.Actors.Messaging;

/// <summary>
/// A silo's door for clients in the same process. Requests and responses cross it as encoded
/// bytes, exactly as they will cross a network connection, so a client never shares objects with grains.
/// </summary>
internal sealed class InProcessGateway(SiloRuntime runtime)
{
    private volatile bool _dead;

    /// <summary>Raised when the silo dies, so clients fail what they are waiting for.</summary>
    public event Action? Lost;

    public void Send(byte[] requestBytes, Action<byte[]> reply)
    {
        if (_dead)
        {
            throw new SiloUnavailableException("The silo behind this gateway is gone.");
        }

        long id = 0;
        try
        {
            id = MessageCodec.ReadResponseId(requestBytes);
            var (_, target, request) = MessageCodec.ReadRequest(requestBytes, runtime.Serializer);
            var oneWay = (request.Options & InvokeMethodOptions.OneWay) != 0;
            runtime.SendFromGateway(target, request, oneWay ? null : new GatewayResponseSink(id, request, runtime, reply));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            reply(MessageCodec.WriteResponse(id, Response.FromException(exception), runtime.Serializer));
        }
    }

    public void Kill()
    {
        _dead = true;
        Lost?.Invoke();
    }

    private sealed class GatewayResponseSink(long clientMessageId, Invokable request, SiloRuntime runtime, Action<byte[]> reply) : IRemoteResponseSink
    {
        public Invokable Request => request;

        // The client's side decides when its caller resumes, so the bytes can go at once.
        public void Complete(Response response) => CompleteNow(response);

        public void CompleteNow(Response response) => reply(MessageCodec.WriteResponse(clientMessageId, response, runtime.Serializer));
    }
}
