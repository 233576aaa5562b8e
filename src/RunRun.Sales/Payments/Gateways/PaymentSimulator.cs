using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// The embedded payment gateway. The payment key's prefix picks a test card:
/// <list type="bullet">
/// <item><c>card-ok…</c> approves; <c>card-slow…</c> approves after <see cref="PaymentSimulatorOptions.SlowCardDelay"/>.</item>
/// <item><c>card-insufficient…</c> declines with NOT_ENOUGH_BALANCE; <c>card-refused…</c> with REJECT_CARD_PAYMENT.</item>
/// <item><c>card-flaky-N…</c> fails transiently (PROVIDER_BUSY) the first N times per idempotency key, then approves.</item>
/// <item><c>card-broken…</c> fails with FAILED_INTERNAL_SYSTEM_PROCESSING.</item>
/// <item><c>card-lost…</c> approves at once but holds its answer for <see cref="PaymentSimulatorOptions.SlowCardDelay"/>:
/// a reply lost on the way back, past the caller's timeout. A retry under the same idempotency key is answered at once.</item>
/// <item>anything else declines with INVALID_CARD.</item>
/// </list>
/// It keeps Toss's rules: an idempotency key replays its first final answer (transient failures are
/// not final) and refuses a different request; a payment key is confirmed once
/// (ALREADY_PROCESSED_PAYMENT) and an order is paid once (DUPLICATED_ORDER_ID), whatever the
/// idempotency keys; a payment is cancelled once (ALREADY_CANCELED_PAYMENT). Calls with one
/// idempotency key run one at a time. Final answers, and so the charges and refunds, are kept in
/// memory and, with <see cref="PaymentSimulatorOptions.JournalPath"/> set, in a file that the next
/// process reads back; the call log and the counts of transient failures are the process's own.
/// </summary>
public sealed class PaymentSimulator : IPaymentGateway, IDisposable
{
    private readonly Lock _lock = new();
    private readonly PaymentSimulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PaymentSimulator> _logger;
    private readonly Random _faults;
    private readonly Dictionary<string, SimulatedPaymentCall> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _transientFailures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedPayment> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _paymentKeyByOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _approvedCharges = new(StringComparer.Ordinal);
    private readonly Queue<SimulatedPaymentCall> _log = new();
    private readonly PaymentSimulatorJournal? _journal;
    private long _transactions;
    private int _calls;
    private int _lookups;

    public PaymentSimulator(IOptions<PaymentSimulatorOptions> options, TimeProvider timeProvider, ILogger<PaymentSimulator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        // Seeded so that a run with injected faults can be repeated; this is no security boundary.
#pragma warning disable CA5394
        _faults = new Random(_options.FaultSeed);
#pragma warning restore CA5394

        if (_options.JournalPath is { } journalPath)
        {
            _journal = PaymentSimulatorJournal.Open(journalPath, out var answers);
            foreach (var answer in answers)
            {
                Remember(answer);
            }
        }
    }

    /// <summary>Every confirmation and cancellation received so far, including ones that were cancelled before an answer.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Look-ups of an order's payment received so far.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>The most recent answered calls, oldest first (at most <see cref="PaymentSimulatorOptions.MaxLogEntries"/>).</summary>
    public IReadOnlyList<SimulatedPaymentCall> Log
    {
        get
        {
            lock (_lock)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>How many confirmations of the order were approved (charged); refunds do not lower it.</summary>
    public int ApprovedCharges(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        lock (_lock)
        {
            return _approvedCharges.GetValueOrDefault(orderId);
        }
    }

    /// <summary>The approved payment with this key, or null if none was approved.</summary>
    public SimulatedPayment? FindPayment(string paymentKey)
    {
        ArgumentNullException.ThrowIfNull(paymentKey);
        lock (_lock)
        {
            return _payments.GetValueOrDefault(paymentKey);
        }
    }

    public Task<GatewayResult> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmation.PaymentKey, nameof(confirmation));
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmation.OrderId, nameof(confirmation));
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmation.IdempotencyKey, nameof(confirmation));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(confirmation.Amount.Amount, nameof(confirmation));
        var request = new SimulatedPaymentRequest(
            PaymentOperation.Confirm, confirmation.PaymentKey, confirmation.OrderId, confirmation.Amount, confirmation.IdempotencyKey);
        return RunAsync(request, DecideConfirmationAsync, cancellationToken);
    }

    public Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentException.ThrowIfNullOrWhiteSpace(cancellation.PaymentKey, nameof(cancellation));
        ArgumentException.ThrowIfNullOrWhiteSpace(cancellation.IdempotencyKey, nameof(cancellation));
        var request = new SimulatedPaymentRequest(PaymentOperation.Cancel, cancellation.PaymentKey, null, null, cancellation.IdempotencyKey);
        return RunAsync(request, DecideCancellationAsync, cancellationToken);
    }

    public async Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        Interlocked.Increment(ref _lookups);
        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _timeProvider, cancellationToken);
        }

        lock (_lock)
        {
            if (_options.FaultRate > 0 && _faults.NextDouble() < _options.FaultRate)
            {
                return new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.ProviderBusy, Message: "Injected fault.");
            }

            if (!_paymentKeyByOrder.TryGetValue(orderId, out var paymentKey))
            {
                return new PaymentLookup(PaymentLookupStatus.NotFound, Code: PaymentGatewayCodes.NotFoundPayment, Message: "No payment was confirmed for this order.");
            }

            var payment = _payments[paymentKey];
            return new PaymentLookup(payment.IsCanceled ? PaymentLookupStatus.Canceled : PaymentLookupStatus.Approved, paymentKey, payment.TransactionId);
        }
    }

    private async Task<GatewayResult> RunAsync(
        SimulatedPaymentRequest request,
        Func<SimulatedPaymentRequest, CancellationToken, Task<GatewayResult>> decideAsync,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (_options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(_options.Latency, _timeProvider, cancellationToken);
        }

        lock (_lock)
        {
            if (_options.FaultRate > 0 && _faults.NextDouble() < _options.FaultRate)
            {
                return Logged(Answer(request, Busy("Injected fault."), replayed: false));
            }
        }

        TaskCompletionSource? turn = null;
        while (turn is null)
        {
            Task? running = null;
            SimulatedPaymentCall? answered = null;
            lock (_lock)
            {
                if (_answers.TryGetValue(request.IdempotencyKey, out var earlier))
                {
                    answered = earlier.Request == request
                        ? Answer(request, earlier.Result, replayed: true)
                        : Answer(request, Failed(PaymentGatewayCodes.IdempotencyKeyReused, $"The idempotency key was used for a different {earlier.Request.Operation} request."), replayed: false);
                }
                else if (!_inFlight.TryGetValue(request.IdempotencyKey, out running))
                {
                    turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _inFlight.Add(request.IdempotencyKey, turn.Task);
                }
            }

            if (answered is not null)
            {
                return Logged(answered);
            }

            if (running is not null)
            {
                // The same key is being processed: wait for its answer instead of charging alongside it.
                await running.WaitAsync(cancellationToken);
            }
        }

        try
        {
            return await decideAsync(request, cancellationToken);
        }
        finally
        {
            lock (_lock)
            {
                _inFlight.Remove(request.IdempotencyKey);
            }

            turn.SetResult();
        }
    }

    private async Task<GatewayResult> DecideConfirmationAsync(SimulatedPaymentRequest request, CancellationToken cancellationToken)
    {
        var card = TestCard.FromPaymentKey(request.PaymentKey);
        if (card.Kind == TestCardKind.Slow)
        {
            await Task.Delay(_options.SlowCardDelay, _timeProvider, cancellationToken);
        }

        SimulatedPaymentCall answered;
        lock (_lock)
        {
            answered = Answer(request, Confirm(request, card), replayed: false);
        }

        if (card.Kind == TestCardKind.Lost)
        {
            // Decided and remembered, so the shopper is charged; only the answer is late.
            await Task.Delay(_options.SlowCardDelay, _timeProvider, cancellationToken);
        }

        return Logged(answered);
    }

    private Task<GatewayResult> DecideCancellationAsync(SimulatedPaymentRequest request, CancellationToken cancellationToken)
    {
        SimulatedPaymentCall answered;
        lock (_lock)
        {
            answered = Answer(request, Cancel(request), replayed: false);
        }

        return Task.FromResult(Logged(answered));
    }

    /// <summary>Decides a confirmation and records its charge; called under the lock.</summary>
    private GatewayResult Confirm(SimulatedPaymentRequest request, TestCard card)
    {
        // Toss checks these before the card: a second charge must be impossible whatever the card says.
        if (_payments.ContainsKey(request.PaymentKey))
        {
            return Declined(PaymentGatewayCodes.AlreadyProcessedPayment, "The payment key has been confirmed already.");
        }

        var orderId = request.OrderId!;
        if (_paymentKeyByOrder.ContainsKey(orderId))
        {
            return Declined(PaymentGatewayCodes.DuplicatedOrderId, "The order has been paid already with another payment key.");
        }

        switch (card.Kind)
        {
            case TestCardKind.Ok or TestCardKind.Slow or TestCardKind.Lost:
                return Approved();
            case TestCardKind.Insufficient:
                return Declined(PaymentGatewayCodes.NotEnoughBalance, "The card's balance is not enough.");
            case TestCardKind.Refused:
                return Declined(PaymentGatewayCodes.RejectCardPayment, "The card issuer refused the payment.");
            case TestCardKind.Broken:
                return Failed(PaymentGatewayCodes.FailedInternalSystemProcessing, "The payment system failed.");
            case TestCardKind.Flaky:
                var failures = _transientFailures.GetValueOrDefault(request.IdempotencyKey);
                if (failures < card.TransientFailures)
                {
                    _transientFailures[request.IdempotencyKey] = failures + 1;
                    return Busy("The card's provider is busy.");
                }

                _transientFailures.Remove(request.IdempotencyKey);
                return Approved();
            default:
                return Declined(PaymentGatewayCodes.InvalidCard, "The card is not valid.");
        }
    }

    /// <summary>Decides a cancellation; called under the lock.</summary>
    private GatewayResult Cancel(SimulatedPaymentRequest request)
    {
        if (!_payments.TryGetValue(request.PaymentKey, out var payment))
        {
            return Failed(PaymentGatewayCodes.NotFoundPayment, "No confirmed payment has this payment key.");
        }

        return payment.IsCanceled
            ? Declined(PaymentGatewayCodes.AlreadyCanceledPayment, "The payment has been cancelled already.")
            : Approved();
    }

    /// <summary>
    /// Remembers a final answer under its idempotency key, and keeps the charge or refund an approval
    /// made; called under the lock, and at start for each answer in the journal.
    /// </summary>
    private void Remember(SimulatedPaymentCall answer)
    {
        var request = answer.Request;
        _answers[request.IdempotencyKey] = answer;
        if (answer.Result.Kind != GatewayResultKind.Approved)
        {
            return;
        }

        _transactions++;
        var transactionId = answer.Result.TransactionId!;
        if (request.Operation == PaymentOperation.Cancel)
        {
            _payments[request.PaymentKey] = _payments[request.PaymentKey] with { CancelTransactionId = transactionId };
            return;
        }

        var orderId = request.OrderId!;
        _payments.Add(request.PaymentKey, new SimulatedPayment(request.PaymentKey, orderId, request.Amount!.Value, transactionId));
        _paymentKeyByOrder.Add(orderId, request.PaymentKey);
        _approvedCharges[orderId] = _approvedCharges.GetValueOrDefault(orderId) + 1;
    }

    /// <summary>Answers a call, remembering (and journaling) a final answer, and logs it; called under the lock.</summary>
    private SimulatedPaymentCall Answer(SimulatedPaymentRequest request, GatewayResult result, bool replayed)
    {
        var call = new SimulatedPaymentCall(_timeProvider.GetUtcNow(), request, result, replayed);
        if (!replayed && result.Kind != GatewayResultKind.TransientFailure && result.Code != PaymentGatewayCodes.IdempotencyKeyReused)
        {
            // Written before it counts: an answer the file did not take is neither given nor kept.
            _journal?.Append(call);
            Remember(call);
        }

        if (_options.MaxLogEntries > 0)
        {
            if (_log.Count == _options.MaxLogEntries)
            {
                _log.Dequeue();
            }

            _log.Enqueue(call);
        }

        return call;
    }

    /// <summary>Logs an answered call outside the lock and returns its answer.</summary>
    private GatewayResult Logged(SimulatedPaymentCall call)
    {
        PaymentGatewayLog.Simulated(
            _logger, call.Request.Operation, call.Request.PaymentKey, call.Request.IdempotencyKey, call.Result.Kind, call.Result.Code, call.Replayed);
        return call.Result;
    }

    /// <summary>An approval with the next transaction id, which <see cref="Remember"/> then counts as used.</summary>
    private GatewayResult Approved() => new(GatewayResultKind.Approved, $"sim-tx-{_transactions + 1}");

    private static GatewayResult Declined(string code, string message) => new(GatewayResultKind.Declined, Code: code, Message: message);

    private static GatewayResult Failed(string code, string message) => new(GatewayResultKind.Failed, Code: code, Message: message);

    private static GatewayResult Busy(string message) => new(GatewayResultKind.TransientFailure, Code: PaymentGatewayCodes.ProviderBusy, Message: message);

    public void Dispose() => _journal?.Dispose();
}
