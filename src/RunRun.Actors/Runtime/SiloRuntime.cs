using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors.Hosting;
using RunRun.Actors.Invocation;
using RunRun.Actors.Reminders;
using RunRun.Actors.Serialization;

namespace RunRun.Actors.Runtime;

/// <summary>
/// The heart of a silo: routes calls to activations, sends responses, and owns the catalog,
/// reminders and collector. It is also the silo's own grain factory and co-hosted cluster client.
/// </summary>
internal sealed partial class SiloRuntime : GrainFactoryBase, IDisposable
{
    private readonly IIncomingGrainCallFilter[] _incomingFilters;
    private readonly IOutgoingGrainCallFilter[] _outgoingFilters;
    private readonly Action<GrainReference, Invokable, IResponseCompletionSource?> _dispatchToTarget;

    // One for the whole silo rather than one per activation: only the silo's death cancels it, and a
    // source per activation cost every activation an object it kept for its whole life.
    private readonly CancellationTokenSource _killed = new();
    private long _nextMessageId;

    public SiloRuntime(
        IServiceProvider services,
        TimeProvider timeProvider,
        ActorSerializer serializer,
        IOptions<MessagingOptions> messaging,
        IOptions<SiloOptions> siloOptions,
        ILoggerFactory loggerFactory)
        : base(new GrainClassCatalog(GrainTypeRegistry.Instance))
    {
        Services = services;
        TimeProvider = timeProvider;
        Serializer = serializer;
        SiloOptions = siloOptions.Value;
        Logger = loggerFactory.CreateLogger("RunRun.Actors.Silo");
        PendingCalls = new PendingCalls(timeProvider, messaging.Value.ResponseTimeout);
        Catalog = new Catalog(this);
        Reminders = new ReminderRegistry(this);
        _incomingFilters = [.. services.GetServices<IIncomingGrainCallFilter>()];
        _outgoingFilters = [.. services.GetServices<IOutgoingGrainCallFilter>()];
        _dispatchToTarget = (target, request, completion) => Dispatch(target.GrainId, request, completion);
        KilledToken = _killed.Token;
    }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public ActorSerializer Serializer { get; }

    public SiloOptions SiloOptions { get; }

    public ILogger Logger { get; }

    public PendingCalls PendingCalls { get; }

    public Catalog Catalog { get; }

    public ReminderRegistry Reminders { get; }

    public bool HasIncomingFilters => _incomingFilters.Length > 0;

    /// <summary>False once the silo has been killed: nothing more is delivered or answered.</summary>
    public bool IsAlive => !KilledToken.IsCancellationRequested;

    /// <summary>Cancelled when the silo is killed: storage calls in flight give up.</summary>
    /// <remarks>Taken once: asking a disposed source for its token throws, and activations may still ask during shutdown.</remarks>
    public CancellationToken KilledToken { get; }

    public void Dispose()
    {
        PendingCalls.Dispose();
        _killed.Dispose();
    }

    internal override void SendRequest(GrainReference target, Invokable request, IResponseCompletionSource? completion)
    {
        // The target is in this process: copy now, so the caller may change its objects as soon as
        // the call returns, even while outgoing filters are still running.
        try
        {
            request.CopyArguments(Serializer);
        }
        catch (Exception exception)
        {
            completion?.Complete(Response.FromException(exception));
            return;
        }

        if (_outgoingFilters.Length > 0)
        {
            _ = SendThroughFiltersAsync(target, request, completion);
            return;
        }

        Dispatch(target.GrainId, request, completion);
    }

    /// <summary>Delivers a request that arrived from a client of this silo.</summary>
    internal void SendFromGateway(GrainId target, Invokable request, IResponseCompletionSource? completion) =>
        Dispatch(target, request, completion);

    /// <summary>Hands a message to the activation of its target, creating one if needed.</summary>
    internal void Deliver(Message message)
    {
        if (!IsAlive)
        {
            SendResponse(message, Response.FromException(SiloUnavailableException.Died()));
            return;
        }

        while (true)
        {
            if (!Catalog.TryGetOrCreate(message.Target, out var activation, out var error))
            {
                SendResponse(message, Response.FromException(error!));
                return;
            }

            if (activation.Enqueue(message))
            {
                return;
            }
        }
    }

    /// <summary>Answers the caller; the result is copied first unless it already was or it leaves as bytes.</summary>
    internal void SendResponse(Message message, Response response, bool copied = false)
    {
        if (message.Completion is null)
        {
            return;
        }

        if (!IsAlive)
        {
            // A dead process sends nothing: whatever grain code still finishes, the caller learns only that the silo is gone.
            PendingCalls.TryComplete(message.Id, Response.FromException(SiloUnavailableException.Died()));
            return;
        }

        PendingCalls.TryComplete(message.Id, copied ? response : CopyResponse(message, response));
    }

    /// <summary>
    /// A copy of the response that shares no mutable object with the grain. A reply that leaves as
    /// bytes at once needs none; one that is held (until durable) does, bytes or not, because the
    /// grain may change the objects it points to before it is sent.
    /// </summary>
    internal Response CopyResponse(Message message, Response response, bool held = false)
    {
        if (response.Exception is not null || (message.Completion is IRemoteResponseSink && !held))
        {
            return response;
        }

        try
        {
            return response.DeepCopy(Serializer);
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }

    internal ValueTask<Response> InvokeWithFiltersAsync(ActivationData activation, Message message) =>
        InvokeWithFiltersCoreAsync(new IncomingCallContext(message, activation.GrainInstance!, _incomingFilters));

    /// <summary>The silo died: fail every waiting caller and drop every activation without running grain code.</summary>
    internal void Kill()
    {
        _killed.Cancel();
        Catalog.KillAll();
        Reminders.Stop();
        PendingCalls.FailAll(SiloUnavailableException.Died());
    }

    private static async ValueTask<Response> InvokeWithFiltersCoreAsync(IncomingCallContext context)
    {
        try
        {
            await context.Invoke();
            return context.Response ?? Response.Completed;
        }
        catch (Exception exception)
        {
            return Response.FromException(exception);
        }
    }

    private void Dispatch(GrainId target, Invokable request, IResponseCompletionSource? completion)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        var expiresAt = completion is null ? DateTimeOffset.MaxValue : PendingCalls.NextDeadline();
        var message = new Message { Id = id, Target = target, Body = request, Completion = completion, ExpiresAt = expiresAt };
        if (completion is not null)
        {
            PendingCalls.Register(message);
        }

        Deliver(message);
    }

    private async Task SendThroughFiltersAsync(GrainReference target, Invokable request, IResponseCompletionSource? completion)
    {
        var context = new OutgoingCallContext(target, request, ActivationData.Current?.GrainId, _outgoingFilters, completion is null, _dispatchToTarget);
        Response response;
        try
        {
            await context.Invoke();
            response = context.Response ?? Response.Completed;
        }
        catch (Exception exception)
        {
            response = Response.FromException(exception);
        }

        completion?.Complete(response);
    }
}
