using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RunRun.Actors.Invocation;
using RunRun.Actors.Messaging;
using RunRun.Actors.Runtime;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Hosting;

/// <summary>
/// A client outside the silo: every call is encoded, sent through the silo's gateway and its
/// answer decoded, so arguments and results never share objects with grains.
/// </summary>
internal sealed class ClusterClient : GrainFactoryBase, IHostedService, IDisposable
{
    private readonly ActorSerializer _serializer;
    private readonly ClientOptions _options;
    private readonly PendingCalls _pending;
    private InProcessGateway? _gateway;
    private long _nextId;

    public ClusterClient(ActorSerializer serializer, TimeProvider timeProvider, IOptions<ClientOptions> options, IOptions<MessagingOptions> messaging)
        : base(new GrainClassCatalog(GrainTypeRegistry.Instance))
    {
        _serializer = serializer;
        _options = options.Value;
        _pending = new PendingCalls(timeProvider, messaging.Value.ResponseTimeout);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Connect() is null)
        {
            throw new SiloUnavailableException($"No silo of cluster '{_options.ClusterId}' is running in this process ({ClientOptions.SectionName}:ClusterId).");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_gateway is { } gateway)
        {
            gateway.Lost -= OnGatewayLost;
        }

        _gateway = null;
        _pending.FailAll(new SiloUnavailableException("The client stopped."));
        return Task.CompletedTask;
    }

    public void Dispose() => _pending.Dispose();

    internal override void SendRequest(GrainReference target, Invokable request, IResponseCompletionSource? completion)
    {
        var gateway = _gateway ?? Connect();
        if (gateway is null)
        {
            completion?.Complete(Response.FromException(new SiloUnavailableException("The client is not connected to a silo.")));
            return;
        }

        var id = Interlocked.Increment(ref _nextId);
        byte[] bytes;
        try
        {
            bytes = MessageCodec.WriteRequest(id, target.GrainId, request, _serializer);
        }
        catch (Exception exception)
        {
            completion?.Complete(Response.FromException(exception));
            return;
        }

        if (completion is not null)
        {
            _pending.Register(new Message { Id = id, Target = target.GrainId, Body = request, Completion = completion, ExpiresAt = _pending.NextDeadline() });
        }

        try
        {
            gateway.Send(bytes, OnResponse);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _pending.TryComplete(id, Response.FromException(exception));
        }
    }

    private void OnResponse(byte[] bytes)
    {
        var id = MessageCodec.ReadResponseId(bytes);
        if (!_pending.TryGet(id, out var completion))
        {
            return;
        }

        Response response;
        try
        {
            response = MessageCodec.ReadResponse(bytes, completion.Request, _serializer);
        }
        catch (Exception exception)
        {
            response = Response.FromException(exception);
        }

        _pending.TryComplete(id, response);
    }

    /// <summary>Finds the cluster's gateway; after a silo restart this is how the client reconnects.</summary>
    private InProcessGateway? Connect()
    {
        if (!InProcessGatewayRegistry.TryFind(_options.ClusterId, out var gateway))
        {
            return null;
        }

        gateway.Lost += OnGatewayLost;
        _gateway = gateway;
        return gateway;
    }

    private void OnGatewayLost()
    {
        if (_gateway is { } gateway)
        {
            gateway.Lost -= OnGatewayLost;
        }

        _gateway = null;
        _pending.FailAll(SiloUnavailableException.Died());
    }
}
