using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// before the order ends, and an abandoned payment keeps asking (a reminder) until the gateway can
/// say, and refunds any charge it finds.
/// </summary>
[CollectionAgeLimit(Minutes = GrainLifetimes.PerOrderMinutes)]
internal sealed partial class PaymentGrain(
    [PersistentState("payment")] IPersistentState<PaymentRecord> payment,
    IPaymentGateway gateway,
    GatewayPipeline pipeline,
    IOptions<PaymentOptions> options,
    TimeProvider timeProvider,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain, IRemindable
{
    private const string AbandonedReminder = "abandoned";

    private PaymentRecord Record => payment.State;

    private string OrderId => this.GetPrimaryKeyString();

    public async Task<ChargeOutcome> Charge(ChargeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);

        // First: an abandoned order's charge is being refunded, so it must not settle anything now.
        if (Record.AbandonedBecause is { } abandoned)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "order_ended", abandoned, 0);
        }

        if (Record.Approved is { } approved)
        {
            return approved;
        }

        if (request.Amount.Amount <= 0)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "invalid_amount", "Nothing to pay.", 0);
        }

        // Durable before the call: should this silo die while the gateway charges, the order still asks.
        var wasInDoubt = Record.InDoubt;
        Record.InDoubt = true;
        Record.LastAttemptAt = timeProvider.GetUtcNow();
        await payment.WriteStateAsync();

        var calls = 0;
        var result = await pipeline.CallAsync(
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
                await OutcomeOfDuplicateAsync(result, wasInDoubt, calls),
            { Kind: GatewayResultKind.Declined } => Declined(result.Code ?? "payment_declined", result.Message, wasInDoubt, calls),

            // A system failure: the gateway may or may not have charged, so the payment stays in doubt.
            _ => new ChargeOutcome(ChargeStatus.Failed, null, result.Code ?? "payment_failed", result.Message, calls),
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
        var result = await pipeline.CallAsync(ct => gateway.CancelAsync(new PaymentCancellation(key, reason, $"{OrderId}:refund"), ct));

        // Cancelled already (under another key, or in the provider's console): the money is back all the same.
        if (result.Kind != GatewayResultKind.Approved && result.Code != PaymentGatewayCodes.AlreadyCanceledPayment)
        {
            return new RefundOutcome(RefundStatus.Failed, result.Message ?? result.Code ?? "The refund failed.");
        }

        Record.Refunded = true;
        await payment.WriteStateAsync();
        return new RefundOutcome(RefundStatus.Refunded, null);
    }

    public Task<ChargeOutcome?> GetApprovedCharge() => Task.FromResult(Record.Approved);

    public async Task<PaymentStanding> Reconcile() => Record.AbandonedBecause is null
        ? await ReconcileCoreAsync()
        : new PaymentStanding(PaymentStandingStatus.Abandoned);

    public async Task Abandon(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (Record.AbandonedBecause is null)
        {
            Record.AbandonedBecause = reason;
            await payment.WriteStateAsync();
        }

        // The gateway is asked from the reminder, not here: the order is waiting, and the gateway may be slow.
        await RegisterOrUpdateReminder(AbandonedReminder, TimeSpan.Zero, options.Value.ReconcilePeriod);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Record.AbandonedBecause is null || await SettleAbandonedAsync())
        {
            if (await GetReminder(AbandonedReminder) is { } reminder)
            {
                await UnregisterReminder(reminder);
            }

            return;
        }

        LogStillInDoubt(logger, OrderId, Record.AbandonedBecause, options.Value.ReconcilePeriod);
    }

    /// <summary>True once no charge stands for the abandoned order: none was found in time, or the one found is refunded.</summary>
    private async Task<bool> SettleAbandonedAsync()
    {
        var standing = await ReconcileCoreAsync();
        return standing.Status switch
        {
            PaymentStandingStatus.None => true,
            PaymentStandingStatus.Approved => (await Refund(Record.AbandonedBecause!)).Status != RefundStatus.Failed,
            _ => false,
        };
    }

    private async Task<PaymentStanding> ReconcileCoreAsync()
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

            // Only this grain cancels, and only charges it knew of: a cancelled one is no charge that stands.
            // "None" is final only once the provider can no longer be processing the last charge.
            case PaymentLookupStatus.Canceled:
            case PaymentLookupStatus.NotFound when !(timeProvider.GetUtcNow() < Record.LastAttemptAt + options.Value.InDoubtWindow):
                Record.InDoubt = false;
                await payment.WriteStateAsync();
                return new PaymentStanding(PaymentStandingStatus.None);
            default:
                return new PaymentStanding(PaymentStandingStatus.Unknown);
        }
    }

    /// <summary>
    /// The gateway refused a confirmation because the order already has a payment, or the payment key
    /// was used already. The first may be this order's own earlier charge whose answer was lost: if the
    /// gateway holds an approved payment for this order, that is the order's one charge.
    /// </summary>
    private async Task<ChargeOutcome> OutcomeOfDuplicateAsync(GatewayResult refused, bool wasInDoubt, int calls)
    {
        var lookup = await LookupAsync();
        return lookup.Status switch
        {
            PaymentLookupStatus.Approved => Approve(lookup.PaymentKey!, lookup.TransactionId, null, "An earlier charge of this order went through.", calls),

            // The payment key was spent on something else: the shopper must authorise a new payment.
            PaymentLookupStatus.NotFound when refused.Code == PaymentGatewayCodes.AlreadyProcessedPayment =>
                Declined(refused.Code, refused.Message, wasInDoubt, calls),
            PaymentLookupStatus.Canceled =>
                Declined(refused.Code!, "The gateway refunded this order's payment and takes no other.", wasInDoubt: false, calls),
            _ => new ChargeOutcome(ChargeStatus.Failed, null, "payment_in_doubt", "The gateway holds a payment for this order that could not be read.", calls),
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

    /// <summary>A clear refusal of this attempt; an earlier attempt still in doubt stays so.</summary>
    private ChargeOutcome Declined(string code, string? message, bool wasInDoubt, int calls)
    {
        Record.InDoubt = wasInDoubt;
        return new ChargeOutcome(ChargeStatus.Declined, null, code, message, calls);
    }

    private Task<PaymentLookup> LookupAsync() => pipeline.LookupAsync(ct => gateway.FindByOrderAsync(OrderId, ct));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The abandoned payment of order {OrderId} ({Reason}) is still in doubt: the gateway cannot say yet whether it was charged; asking again in {Period}")]
    private static partial void LogStillInDoubt(ILogger logger, string orderId, string reason, TimeSpan period);
}
