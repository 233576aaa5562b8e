using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RunRun.Actors;
using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Payments;

/// <summary>
/// One order's payment. Not reentrant, so charges for one order run one after another and the
/// second finds the first's approval: at most one approved charge per order. Gateway calls are
/// retried with exponential backoff and jitter on transient faults, each under a timeout. A charge
/// that fails without a clear answer leaves the payment in doubt; the gateway is asked about it
/// before the order ends, and an abandoned payment keeps asking (a reminder) until any charge found
/// is refunded.
/// </summary>
internal sealed class PaymentGrain(
    [PersistentState("payment")] IPersistentState<PaymentRecord> payment,
    IPaymentGateway gateway,
    IOptions<PaymentOptions> options,
    TimeProvider timeProvider) : Grain, IPaymentGrain, IRemindable
{
    private const string AbandonedReminder = "abandoned";

    private readonly ResiliencePipeline<GatewayResult> _pipeline = BuildPipeline(options.Value, timeProvider);

    private PaymentRecord Record => payment.State;

    private string OrderId => this.GetPrimaryKeyString();

    public async Task<ChargeOutcome> Charge(ChargeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Record.Approved is { } approved)
        {
            return approved;
        }

        if (Record.AbandonedBecause is { } abandoned)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "order_ended", abandoned, 0);
        }

        if (request.Amount.Amount <= 0)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "invalid_amount", "Nothing to pay.", 0);
        }

        var calls = 0;
        var result = await CallAsync(
            ct =>
            {
                calls++;
                return gateway.ConfirmAsync(new PaymentConfirmation(request.PaymentKey, request.OrderId, request.Amount, request.IdempotencyKey), ct);
            });
        Record.GatewayCalls += calls;
        var outcome = result switch
        {
            { Kind: GatewayResultKind.Approved } => Approve(request.PaymentKey, result.TransactionId, result.Code, result.Message, calls),
            { Kind: GatewayResultKind.Declined, Code: PaymentGatewayCodes.DuplicatedOrderId or PaymentGatewayCodes.AlreadyProcessedPayment } =>
                await OutcomeOfDuplicateAsync(result, calls),
            { Kind: GatewayResultKind.Declined } => new ChargeOutcome(ChargeStatus.Declined, null, result.Code ?? "payment_declined", result.Message, calls),
            _ => InDoubt(result.Code ?? "payment_failed", result.Message, calls),
        };
        await payment.WriteStateAsync();
        return outcome;
    }

    public async Task<RefundOutcome> Refund(string reason)
    {
        if (Record.Approved is null || Record.ApprovedPaymentKey is null)
        {
            return new RefundOutcome(RefundStatus.NothingToRefund, "No approved charge.");
        }

        if (Record.Refunded)
        {
            return new RefundOutcome(RefundStatus.Refunded, null);
        }

        var key = Record.ApprovedPaymentKey;
        var result = await CallAsync(ct => gateway.CancelAsync(new PaymentCancellation(key, reason, $"{OrderId}:refund"), ct));
        if (result.Kind != GatewayResultKind.Approved)
        {
            return new RefundOutcome(RefundStatus.Failed, result.Message ?? result.Code ?? "The refund failed.");
        }

        Record.Refunded = true;
        await payment.WriteStateAsync();
        return new RefundOutcome(RefundStatus.Refunded, null);
    }

    public Task<ChargeOutcome?> GetApprovedCharge() => Task.FromResult(Record.Approved);

    public async Task<PaymentStanding> Reconcile()
    {
        if (Record.Approved is { } approved)
        {
            return new PaymentStanding(PaymentStandingStatus.Approved, approved);
        }

        if (!Record.InDoubt)
        {
            return new PaymentStanding(PaymentStandingStatus.None);
        }

        var lookup = await LookupAsync();
        switch (lookup.Status)
        {
            case PaymentLookupStatus.Approved:
                var adopted = Approve(lookup.PaymentKey!, lookup.TransactionId, null, "Found at the gateway after its answer was lost.", 0);
                await payment.WriteStateAsync();
                return new PaymentStanding(PaymentStandingStatus.Approved, adopted);
            case PaymentLookupStatus.NotFound or PaymentLookupStatus.Canceled:
                // Only this grain cancels, and only charges it knew of: a cancelled one is no charge that stands.
                Record.InDoubt = false;
                await payment.WriteStateAsync();
                return new PaymentStanding(PaymentStandingStatus.None);
            default:
                return new PaymentStanding(PaymentStandingStatus.Unknown);
        }
    }

    public async Task Abandon(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Record.AbandonedBecause is null)
        {
            Record.AbandonedBecause = reason;
            await payment.WriteStateAsync();
        }

        // The reminder goes first: should this silo die while the gateway is asked, another picks it up.
        var period = options.Value.ReconcilePeriod;
        var reminder = await RegisterOrUpdateReminder(AbandonedReminder, period, period);
        if (await SettleAbandonedAsync())
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Record.AbandonedBecause is null || await SettleAbandonedAsync())
        {
            if (await GetReminder(AbandonedReminder) is { } reminder)
            {
                await UnregisterReminder(reminder);
            }
        }
    }

    /// <summary>True once no charge stands for the abandoned order: none was found, or the one found is refunded.</summary>
    private async Task<bool> SettleAbandonedAsync()
    {
        var standing = await Reconcile();
        return standing.Status switch
        {
            PaymentStandingStatus.None => true,
            PaymentStandingStatus.Approved => (await Refund(Record.AbandonedBecause!)).Status != RefundStatus.Failed,
            _ => false,
        };
    }

    /// <summary>
    /// The gateway refused a confirmation because the order already has a payment, or the payment key
    /// was used already. The first may be this order's own earlier charge whose answer was lost: if the
    /// gateway holds an approved payment for this order, that is the order's one charge.
    /// </summary>
    private async Task<ChargeOutcome> OutcomeOfDuplicateAsync(GatewayResult refused, int calls)
    {
        var lookup = await LookupAsync();
        return lookup.Status switch
        {
            PaymentLookupStatus.Approved => Approve(lookup.PaymentKey!, lookup.TransactionId, null, "An earlier charge of this order went through.", calls),

            // The payment key was spent on something else: the shopper must authorise a new payment.
            PaymentLookupStatus.NotFound when refused.Code == PaymentGatewayCodes.AlreadyProcessedPayment =>
                new ChargeOutcome(ChargeStatus.Declined, null, refused.Code, refused.Message, calls),
            PaymentLookupStatus.Canceled =>
                new ChargeOutcome(ChargeStatus.Declined, null, refused.Code, "The gateway refunded this order's payment and takes no other.", calls),
            _ => InDoubt("payment_in_doubt", "The gateway holds a payment for this order that could not be read.", calls),
        };
    }

    private ChargeOutcome Approve(string paymentKey, string? transactionId, string? code, string? message, int calls)
    {
        var approved = new ChargeOutcome(ChargeStatus.Approved, transactionId, code, message, calls);
        Record.Approved = approved;
        Record.ApprovedPaymentKey = paymentKey;
        Record.InDoubt = false;
        return approved;
    }

    /// <summary>A system failure: the gateway may or may not have charged, so the order must ask before it ends.</summary>
    private ChargeOutcome InDoubt(string code, string? message, int calls)
    {
        Record.InDoubt = true;
        return new ChargeOutcome(ChargeStatus.Failed, null, code, message, calls);
    }

    /// <summary>One look-up under the attempt timeout; the caller's next look (the order's deadline, a reminder) is the retry.</summary>
    private async Task<PaymentLookup> LookupAsync()
    {
        using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout, timeProvider);
        try
        {
            return await gateway.FindByOrderAsync(OrderId, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new PaymentLookup(PaymentLookupStatus.Failed, Code: "payment_timeout", Message: "The payment system did not answer in time.");
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return new PaymentLookup(PaymentLookupStatus.Failed, Code: "payment_failed", Message: exception.Message);
        }
    }

    private static ResiliencePipeline<GatewayResult> BuildPipeline(PaymentOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<GatewayResult> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<GatewayResult>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = new PredicateBuilder<GatewayResult>()
                    .HandleResult(r => r.Kind == GatewayResultKind.TransientFailure)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Calls the gateway through retry and timeout; what is still failing after that is a system failure.</summary>
    private async Task<GatewayResult> CallAsync(Func<CancellationToken, Task<GatewayResult>> call)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(async ct => await call(ct), CancellationToken.None);
            return result.Kind == GatewayResultKind.TransientFailure
                ? result with { Kind = GatewayResultKind.Failed, Message = result.Message ?? "The payment system stayed unavailable." }
                : result;
        }
        catch (TimeoutRejectedException)
        {
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_timeout", Message: "The payment system did not answer in time.");
        }
        catch (HttpRequestException exception)
        {
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_unreachable", Message: exception.Message);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A gateway that throws where it should answer is a system failure, not a crash of the order.
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_failed", Message: exception.Message);
        }
    }
}
