using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments;
using RunRun.Sales.Products;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Orders;

/// <summary>
/// One order. It reserves every line in parallel and gives back what it got if any line fails;
/// it holds the stock until paid or until its deadline, which a durable reminder enforces; paying
/// goes through the order's payment grain, which charges at most once.
/// </summary>
internal sealed partial class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderRecord> order,
    IOptions<OrderOptions> options,
    TimeProvider timeProvider,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";

    private static readonly ReserveOutcome MixedCurrencies = new(ReserveStatus.Invalid) { Reason = "All lines of an order must be priced in one currency." };

    // The handle of the expiry reminder this activation registered: ending the order removes it
    // without reading the reminder table first. Null after a reactivation; then it is read.
    private IGrainReminder? _expiry;

    private OrderRecord Record => order.State;

    private string OrderId => this.GetPrimaryKeyString();

    public async Task<PlaceOutcome> Place(PlaceOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Record.Phase != OrderPhase.None)
        {
            return IsRepeatOf(request)
                ? Replay()
                : new PlaceOutcome(PlaceStatus.IdempotencyConflict, null, [], [new FieldError("idempotencyKey", "This key was already used for a different order.")]);
        }

        var errors = OrderValidation.Validate(request, options.Value);
        if (errors.Count > 0)
        {
            return new PlaceOutcome(PlaceStatus.Invalid, null, [], errors);
        }

        if (request.Lines.Count > 1 && await RefusedOnTermsAsync(request.Lines) is { Count: > 0 } refused)
        {
            return new PlaceOutcome(PlaceStatus.Rejected, null, refused, []);
        }

        // One line, the usual flash-sale order, awaits its reservation without a fan-out method's state machine.
        ReserveOutcome[] outcomes = request.Lines.Count == 1
            ? [await ReserveAsync(request.Lines[0], request.ShopperId)]
            : await ReserveAllAsync(request);
        var rejections = RejectionsOf(request.Lines, outcomes);

        var now = timeProvider.GetUtcNow();
        Record.ShopperId = request.ShopperId;
        Record.IdempotencyKey = request.IdempotencyKey;
        Record.CreatedAt = now;
        Record.PaymentDeadline = now + options.Value.PaymentHold;
        if (rejections.Count > 0)
        {
            Record.Lines = LinesOf(request.Lines, outcomes, priced: false);
            var reservedAny = Array.Exists(outcomes, o => o.IsReserved);
            await ReleaseAllAsync();
            if (!reservedAny)
            {
                // Nothing was held, so nothing needs remembering: a sold-out answer costs no write.
                var rejected = new PlaceOutcome(PlaceStatus.Rejected, null, rejections, []);
                order.State = new OrderRecord();
                return rejected;
            }

            await EndAsync(OrderPhase.Failed, "Some lines could not be reserved.", rejections);
            return Replay();
        }

        Record.Lines = LinesOf(request.Lines, outcomes, priced: true);
        Record.Phase = OrderPhase.AwaitingPayment;

        // The three writes go out together and land in one storage batch. Should this silo die
        // before they are durable, the stock grains' hold audit finds the holds and asks this order.
        try
        {
            var expiry = RegisterOrUpdateReminder(ExpiryReminder, options.Value.PaymentHold, options.Value.ExpiryReminderPeriod);
            await Task.WhenAll(order.WriteStateAsync(), expiry, RecordInHistoryAsync());
            _expiry = await expiry;
        }
        catch
        {
            // Not recorded, so not placed: give the stock back and forget what memory holds.
            await ReleaseAllAsync();
            order.State = new OrderRecord();
            DeactivateOnIdle();
            throw;
        }

        return Replay();
    }

    public async Task<PayOutcome> Pay(PayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Record.Phase != OrderPhase.None && Record.ShopperId == request.ShopperId
            && request.IdempotencyKey is not null && Record.Payments is { } payments && payments.TryGetValue(request.IdempotencyKey, out var earlier))
        {
            // The same payment request again (a retry, a double click): the same answer, nothing charged or counted.
            return new PayOutcome(earlier.Status, View(), earlier.Code, earlier.Message);
        }

        return await PayOnceAsync(request);
    }

    private async Task<PayOutcome> PayOnceAsync(PayRequest request)
    {
        if (Record.Phase == OrderPhase.None || Record.ShopperId != request.ShopperId)
        {
            return new PayOutcome(PayStatus.NotFound, null);
        }

        if (!RequestKeys.IsValid(request.PaymentKey))
        {
            return new PayOutcome(PayStatus.Invalid, View(), "validation_failed", RequestKeys.Required("A payment key"));
        }

        if (!RequestKeys.IsValid(request.IdempotencyKey))
        {
            return new PayOutcome(PayStatus.Invalid, View(), "validation_failed", RequestKeys.Required("An idempotency key"));
        }

        await ExpireIfDueAsync();
        switch (Record.Phase)
        {
            case OrderPhase.Paid:
                return new PayOutcome(PayStatus.Paid, View());
            case OrderPhase.Failed when Record.PaymentAttempts >= options.Value.MaxPaymentAttempts:
                return new PayOutcome(PayStatus.AttemptsExhausted, View(), "payment_attempts_exhausted", "No payment attempts are left for this order.");
            case OrderPhase.Expired:
                return new PayOutcome(PayStatus.Expired, View(), "order_expired", "The payment deadline has passed.");
            case not OrderPhase.AwaitingPayment:
                return new PayOutcome(PayStatus.NotPayable, View(), "order_not_payable", $"The order is {View().State}.");
        }

        if (Total().Amount == 0)
        {
            // Nothing to charge: a free order is paid by confirming its stock.
            return await SettleApprovedChargeAsync(request.IdempotencyKey)
                ? new PayOutcome(PayStatus.Paid, View())
                : new PayOutcome(PayStatus.Failed, View(), "stock_released", Record.FailureReason);
        }

        // One gateway idempotency key per order and payment key: a retried or repeated payment with the
        // same card can never become a second charge, even if this grain crashed before storing the first.
        var charge = await Payment()
            .Charge(new ChargeRequest(OrderId, request.PaymentKey, Total(), $"{OrderId}:{request.PaymentKey}"));
        switch (charge.Status)
        {
            case ChargeStatus.Approved:
                return await SettleApprovedChargeAsync(request.IdempotencyKey)
                    ? new PayOutcome(PayStatus.Paid, View())
                    : new PayOutcome(PayStatus.Failed, View(), "stock_released", Record.FailureReason);
            case ChargeStatus.Declined:
                var code = charge.Code ?? "payment_declined";
                Record.PaymentAttempts++;
                NotePayment(request.IdempotencyKey, PayStatus.Declined, code, charge.Message);
                if (Record.PaymentAttempts >= options.Value.MaxPaymentAttempts)
                {
                    // No attempt left: holding the stock until the deadline would only keep it from other shoppers.
                    await ReleaseAllAsync();
                    await EndAsync(OrderPhase.Failed, "No payment attempts are left for this order.", Record.Rejections);
                    return new PayOutcome(PayStatus.Declined, View(), code, charge.Message);
                }

                await SaveAsync();
                return new PayOutcome(PayStatus.Declined, View(), code, charge.Message);
            default:
                foreach (var line in Record.Lines)
                {
                    await Stock(line.ProductId).ReportSystemFailure(OrderId, charge.Code ?? "payment_failed");
                }

                return new PayOutcome(PayStatus.Failed, View(), charge.Code ?? "payment_failed", charge.Message);
        }
    }

    public async Task<CancelOutcome> Cancel(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Record.Phase == OrderPhase.None || (Record.ShopperId != actor.UserId && !actor.IsOperator))
        {
            return new CancelOutcome(CancelStatus.NotFound, null);
        }

        await ExpireIfDueAsync();
        var payment = Record.Phase == OrderPhase.AwaitingPayment ? await Payment().Reconcile() : null;
        if (payment?.Status == PaymentStandingStatus.Approved)
        {
            // Paid at the gateway though this order never heard (a crash, a timeout): settle it as paid, then refund below.
            await SettleApprovedChargeAsync();
        }

        switch (Record.Phase)
        {
            case OrderPhase.AwaitingPayment:
                if (payment?.Status is PaymentStandingStatus.Unknown or PaymentStandingStatus.Abandoned)
                {
                    await Payment().Abandon("The order was cancelled before its payment could be confirmed.");
                }

                await ReleaseAllAsync();
                await EndAsync(OrderPhase.Cancelled, null, Record.Rejections);
                return new CancelOutcome(CancelStatus.Cancelled, View());
            case OrderPhase.Paid or OrderPhase.Refunding:
                if (Record.Phase == OrderPhase.Paid)
                {
                    // Written first, with the reminder back on: a crash between refund and release is finished later.
                    Record.Phase = OrderPhase.Refunding;
                    await SaveAsync();
                    _expiry = await RegisterOrUpdateReminder(ExpiryReminder, options.Value.ExpiryReminderPeriod, options.Value.ExpiryReminderPeriod);
                }

                return await FinishRefundAsync("Cancelled by " + actor.UserId)
                    ? new CancelOutcome(CancelStatus.Refunded, View())
                    : new CancelOutcome(CancelStatus.Failed, View(), Record.FailureReason);
            default:
                return new CancelOutcome(CancelStatus.AlreadyEnded, View());
        }
    }

    public Task<OrderView?> Get() => Task.FromResult(Record.Phase == OrderPhase.None ? null : View());

    public async Task<OrderView?> CheckDeadline()
    {
        if (Record.Phase == OrderPhase.None)
        {
            return null;
        }

        await ExpireIfDueAsync();
        if (Record.Phase == OrderPhase.AwaitingPayment && await GetReminder(ExpiryReminder) is null)
        {
            var remaining = Record.PaymentDeadline - timeProvider.GetUtcNow();
            _expiry = await RegisterOrUpdateReminder(ExpiryReminder, remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, options.Value.ExpiryReminderPeriod);
        }

        return View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        switch (Record.Phase)
        {
            case OrderPhase.AwaitingPayment:
                await ExpireIfDueAsync();
                break;
            case OrderPhase.Refunding:
                await FinishRefundAsync("Cancelled; refund resumed");
                break;
            default:
                await UnregisterExpiryAsync();
                break;
        }
    }

    /// <summary>The same shopper, key and lines (in order) as the placed order: a repeat, answered as before.</summary>
    private bool IsRepeatOf(PlaceOrderRequest request)
    {
        if (Record.IdempotencyKey != request.IdempotencyKey || Record.ShopperId != request.ShopperId
            || request.Lines is not { } lines || lines.Count != Record.Lines.Count)
        {
            return false;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line || line.ProductId != Record.Lines[i].ProductId || line.Quantity != Record.Lines[i].Quantity)
            {
                return false;
            }
        }

        return true;
    }

    private IStockGrain Stock(string productId) => GrainFactory.GetGrain<IStockGrain>(productId);

    /// <summary>Reserves every line at once; a one-line order, the usual one in a sale, skips the fan-out.</summary>
    private async Task<ReserveOutcome[]> ReserveAllAsync(PlaceOrderRequest request)
    {
        var lines = request.Lines;
        var reservations = new Task<ReserveOutcome>[lines.Count];
        for (var i = 0; i < reservations.Length; i++)
        {
            reservations[i] = ReserveAsync(lines[i], request.ShopperId);
        }

        return await Task.WhenAll(reservations);
    }

    private async Task<ReserveOutcome> ReserveAsync(OrderLine line, string shopperId)
    {
        try
        {
            return await Stock(line.ProductId).Reserve(new ReserveRequest(OrderId, shopperId, line.Quantity));
        }
        catch (Exception exception)
        {
            // A system failure on one product must not leave the others held.
            LogReserveFailed(logger, OrderId, line.ProductId, exception);
            return new ReserveOutcome(ReserveStatus.Unavailable) { Reason = "The product could not be reserved right now." };
        }
    }

    /// <summary>
    /// Bad input changes nothing: a multi-line order naming a product that does not exist, or mixing
    /// currencies, is refused on the products' terms before any line is reserved, so no hold and no
    /// order record is written. Terms can still change before the reservations; <see cref="RejectionsOf"/>
    /// checks the currencies the reservations were priced at. A product whose terms could not be read
    /// is left to its reservation to answer.
    /// </summary>
    private async Task<List<LineRejection>> RefusedOnTermsAsync(IReadOnlyList<OrderLine> lines)
    {
        var reads = new Task<SaleTerms?>[lines.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = Stock(lines[i].ProductId).GetTerms();
        }

        try
        {
            await Task.WhenAll(reads);
        }
        catch (Exception)
        {
            // Each read's own task says below whether it answered.
        }

        var refused = new List<LineRejection>();
        var currencies = new CurrencyCheck();
        for (var i = 0; i < reads.Length; i++)
        {
            if (!reads[i].IsCompletedSuccessfully)
            {
                continue;
            }

            if (reads[i].Result is { } terms)
            {
                currencies.See(terms.Price.Currency);
            }
            else
            {
                refused.Add(new LineRejection(lines[i].ProductId, ReserveOutcome.UnknownProduct(lines[i].ProductId)));
            }
        }

        return RefuseAllIfMixed(lines, refused, currencies);
    }

    /// <summary>
    /// The lines not reserved, with their reasons. If every line was reserved but at prices in more
    /// than one currency, every line is refused: one order is charged in one currency.
    /// </summary>
    private static List<LineRejection> RejectionsOf(IReadOnlyList<OrderLine> lines, ReserveOutcome[] outcomes)
    {
        var rejections = new List<LineRejection>();
        var currencies = new CurrencyCheck();
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].IsReserved)
            {
                currencies.See(outcomes[i].UnitPrice?.Currency);
            }
            else
            {
                rejections.Add(new LineRejection(lines[i].ProductId, outcomes[i]));
            }
        }

        return RefuseAllIfMixed(lines, rejections, currencies);
    }

    /// <summary>One order is charged in one currency: with no other refusal, prices in several refuse every line.</summary>
    private static List<LineRejection> RefuseAllIfMixed(IReadOnlyList<OrderLine> lines, List<LineRejection> refused, CurrencyCheck currencies)
    {
        if (refused.Count == 0 && currencies.Mixed)
        {
            foreach (var line in lines)
            {
                refused.Add(new LineRejection(line.ProductId, MixedCurrencies));
            }
        }

        return refused;
    }

    /// <summary>Whether the currencies seen so far are more than one.</summary>
    private struct CurrencyCheck
    {
        private string? _first;
        private bool _seen;

        public bool Mixed { get; private set; }

        public void See(string? currency)
        {
            if (_seen)
            {
                Mixed |= !string.Equals(_first, currency, StringComparison.Ordinal);
            }
            else
            {
                (_first, _seen) = (currency, true);
            }
        }
    }

    /// <summary>The order's lines; priced at the reservations' unit prices when all of them were reserved.</summary>
    private static OrderLineView[] LinesOf(IReadOnlyList<OrderLine> lines, ReserveOutcome[] outcomes, bool priced)
    {
        var views = new OrderLineView[lines.Count];
        for (var i = 0; i < views.Length; i++)
        {
            views[i] = new OrderLineView(lines[i].ProductId, lines[i].Quantity, priced ? outcomes[i].UnitPrice!.Value : default);
        }

        return views;
    }

    private async Task ReleaseAllAsync() => await Task.WhenAll(Record.Lines.Select(l => Stock(l.ProductId).Release(OrderId)));

    private async Task ExpireIfDueAsync()
    {
        if (Record.Phase == OrderPhase.AwaitingPayment && timeProvider.GetUtcNow() >= Record.PaymentDeadline)
        {
            // A charge the gateway approved is honoured even if the order never learnt of it.
            var payment = await Payment().Reconcile();
            if (payment.Status == PaymentStandingStatus.Approved && await SettleApprovedChargeAsync())
            {
                return;
            }

            if (Record.Phase == OrderPhase.AwaitingPayment)
            {
                if (payment.Status is PaymentStandingStatus.Unknown or PaymentStandingStatus.Abandoned)
                {
                    // The gateway cannot say yet whether a charge whose answer was lost went through (or an
                    // earlier end was cut short after abandoning it). The deadline stands, so the order
                    // expires; the payment grain refunds the charge if it finds one.
                    await Payment().Abandon("The order expired before its payment could be confirmed.");
                }

                await ReleaseAllAsync();
                await EndAsync(OrderPhase.Expired, "The payment deadline passed.", Record.Rejections);
            }
        }
    }

    /// <summary>
    /// Keeps the answer to a payment request in the record, so a retry of it is answered the same
    /// without a charge; it is written with the change the payment made (one write, not two). Only
    /// the latest few keys are kept, as retries come soon.
    /// </summary>
    private void NotePayment(string idempotencyKey, PayStatus status, string? code, string? message)
    {
        const int Kept = 20;
        var payments = Record.Payments ??= new(StringComparer.Ordinal);
        if (payments.Count >= Kept)
        {
            // Dictionary order is not insertion order once entries are removed: go by sequence.
            payments.Remove(payments.MinBy(p => p.Value.Sequence).Key);
        }

        payments[idempotencyKey] = new RecordedPayment(status, code, message, ++Record.PaymentSequence);
    }

    /// <summary>Refunds, then gives the stock back; idempotent, so a resumed refund repeats nothing.</summary>
    private async Task<bool> FinishRefundAsync(string reason)
    {
        var refund = await Payment().Refund(reason);
        if (refund.Status == RefundStatus.Failed)
        {
            Record.FailureReason = refund.Message;
            return false;
        }

        await ReleaseAllAsync();
        await EndAsync(OrderPhase.Refunded, null, Record.Rejections);
        return true;
    }

    private IPaymentGrain Payment() => GrainFactory.GetGrain<IPaymentGrain>(OrderId);

    /// <summary>
    /// Turns an approved charge into a sale. Every line must still be held for this order; if one
    /// is not (it was released meanwhile), the order cannot be delivered: the money goes back, the
    /// other lines' units go back, and the order fails. A pay request's key, when one asked, is
    /// remembered in the same write.
    /// </summary>
    private async Task<bool> SettleApprovedChargeAsync(string? idempotencyKey = null)
    {
        var confirmations = await Task.WhenAll(Record.Lines.Select(l => Stock(l.ProductId).Confirm(OrderId)));
        if (confirmations.All(c => c is HoldChange.Applied or HoldChange.AlreadyApplied))
        {
            Record.Phase = OrderPhase.Paid;
            Record.EndedAt = timeProvider.GetUtcNow();
            if (idempotencyKey is not null)
            {
                NotePayment(idempotencyKey, PayStatus.Paid, null, null);
            }

            // In turn, not together: the stock is already sold, so the hold audit no longer looks at
            // this order, and only its expiry reminder can settle it if the Paid record is not written.
            await SaveAsync();
            await UnregisterExpiryAsync();
            return true;
        }

        var refund = await Payment().Refund("The stock was no longer held for this order.");
        await ReleaseAllAsync();
        var reason = refund.Status == RefundStatus.Failed
            ? "The stock was no longer held and the refund failed: " + refund.Message
            : "The stock was no longer held; the payment was refunded.";
        await EndAsync(OrderPhase.Failed, reason, Record.Rejections);
        return false;
    }

    /// <summary>Writes the order; if that fails, this activation's memory may be ahead of storage, so it goes.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await order.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task EndAsync(OrderPhase phase, string? reason, IReadOnlyList<LineRejection> rejections)
    {
        Record.Phase = phase;
        Record.FailureReason = reason;
        Record.Rejections = rejections;
        Record.EndedAt = timeProvider.GetUtcNow();
        await SaveAsync();
        await UnregisterExpiryAsync();
    }

    private async Task UnregisterExpiryAsync()
    {
        if (_expiry is { } known)
        {
            _expiry = null;
            try
            {
                await UnregisterReminder(known);
                return;
            }
            catch (ReminderException)
            {
                // Changed or removed since this activation registered it (another silo owned the
                // grain meanwhile): remove whatever the table holds now.
            }
        }

        if (await GetReminder(ExpiryReminder) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    private async Task RecordInHistoryAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IShopperGrain>(Record.ShopperId).AddOrder(OrderId);
        }
        catch (Exception exception)
        {
            // The order stands without its history entry; losing the entry must not lose the order.
            LogHistoryFailed(logger, OrderId, Record.ShopperId, exception);
        }
    }

    private PlaceOutcome Replay() => Record.Phase == OrderPhase.Failed && Record.Rejections.Count > 0
        ? new PlaceOutcome(PlaceStatus.Rejected, View(), Record.Rejections, [])
        : new PlaceOutcome(PlaceStatus.Placed, View(), [], []);

    private Money Total()
    {
        string? currency = null;
        var amount = 0L;
        var lines = Record.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            currency ??= lines[i].UnitPrice.Currency;
            amount = checked(amount + (lines[i].UnitPrice.Amount * lines[i].Quantity));
        }

        return new Money(amount, currency ?? "KRW");
    }

    private OrderView View() => new(
        OrderId,
        Record.ShopperId,
        Record.Phase switch
        {
            OrderPhase.Paid or OrderPhase.Refunding => OrderState.Paid,
            OrderPhase.Cancelled => OrderState.Cancelled,
            OrderPhase.Refunded => OrderState.Refunded,
            OrderPhase.Failed => OrderState.Failed,
            OrderPhase.Expired => OrderState.Expired,
            _ => OrderState.AwaitingPayment,
        },
        Record.Lines,
        Total(),
        Record.CreatedAt,
        Record.PaymentDeadline,
        Record.PaymentAttempts,
        Math.Max(0, options.Value.MaxPaymentAttempts - Record.PaymentAttempts),
        Record.FailureReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not reserve {ProductId}")]
    private static partial void LogReserveFailed(ILogger logger, string orderId, string productId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was not added to the history of {ShopperId}")]
    private static partial void LogHistoryFailed(ILogger logger, string orderId, string shopperId, Exception exception);
}
