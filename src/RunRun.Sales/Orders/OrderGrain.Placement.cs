using Microsoft.Extensions.Logging;
using RunRun.Sales.Products;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Orders;

/// <summary>Placing an order: validation, the reservations, and the three writes that record it.</summary>
internal sealed partial class OrderGrain
{
    private static readonly ReserveOutcome MixedCurrencies = new(ReserveStatus.Invalid) { Reason = "All lines of an order must be priced in one currency." };

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
            Forget();
            return new PlaceOutcome(PlaceStatus.Invalid, null, [], errors);
        }

        if (request.Lines.Count > 1 && await RefusedOnTermsAsync(request.Lines) is { Count: > 0 } refused)
        {
            Forget();
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
                Forget();
                return new PlaceOutcome(PlaceStatus.Rejected, null, rejections, []);
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
            Forget();
            throw;
        }

        return Replay();
    }

    /// <summary>
    /// Drops a placement that left no record: memory may be ahead of storage, and the activation
    /// leaves at once instead of after the collection age, since a sell-out storm makes one new
    /// order grain per refused click.
    /// </summary>
    private void Forget()
    {
        order.State = new OrderRecord();
        DeactivateOnIdle();
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
            // Only the caller's await needs this grain's scheduler. Resuming here on it as well costs
            // one more continuation (a task and its wrapper) per line, for code that reads no grain state.
            return await Stock(line.ProductId).Reserve(new ReserveRequest(OrderId, shopperId, line.Quantity)).ConfigureAwait(false);
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

    private async Task RecordInHistoryAsync()
    {
        var shopperId = Record.ShopperId;
        try
        {
            // Off the grain's scheduler after the call, as in ReserveAsync: the catch reads only locals.
            await GrainFactory.GetGrain<IShopperGrain>(shopperId).AddOrder(OrderId).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The order stands without its history entry; losing the entry must not lose the order.
            LogHistoryFailed(logger, OrderId, shopperId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} could not reserve {ProductId}")]
    private static partial void LogReserveFailed(ILogger logger, string orderId, string productId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was not added to the history of {ShopperId}")]
    private static partial void LogHistoryFailed(ILogger logger, string orderId, string shopperId, Exception exception);
}
