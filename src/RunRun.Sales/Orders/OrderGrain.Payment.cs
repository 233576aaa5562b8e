using Microsoft.Extensions.Logging;
using RunRun.Sales.Payments;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Orders;

/// <summary>Paying an order: one charge through the payment grain, then the stock confirmed and the order Paid.</summary>
internal sealed partial class OrderGrain
{
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
        if (IsUnknown() || Record.ShopperId != request.ShopperId)
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
            return await PaidAsync(request.IdempotencyKey);
        }

        // One gateway idempotency key per order and payment key: a retried or repeated payment with the
        // same card can never become a second charge, even if this grain crashed before storing the first.
        var charge = await Payment()
            .Charge(new ChargeRequest(OrderId, request.PaymentKey, Total(), $"{OrderId}:{request.PaymentKey}"));
        switch (charge.Status)
        {
            case ChargeStatus.Approved:
                return await PaidAsync(request.IdempotencyKey);
            case ChargeStatus.Declined:
                var code = charge.Code ?? "payment_declined";
                Record.PaymentAttempts++;
                NotePayment(request.IdempotencyKey, PayStatus.Declined, code, charge.Message);
                if (Record.PaymentAttempts >= options.Value.MaxPaymentAttempts)
                {
                    // No attempt left: holding the stock until the deadline would only keep it from other shoppers.
                    await ReleaseAllAsync();
                    await EndAsync(OrderPhase.Failed, "No payment attempts are left for this order.", Record.Rejections);
                }
                else
                {
                    await SaveAsync();
                }

                return new PayOutcome(PayStatus.Declined, View(), code, charge.Message);
            default:
                foreach (var line in Record.Lines)
                {
                    await Stock(line.ProductId).ReportSystemFailure(OrderId, charge.Code ?? "payment_failed");
                }

                return new PayOutcome(PayStatus.Failed, View(), charge.Code ?? "payment_failed", charge.Message);
        }
    }

    /// <summary>The answer to a pay request whose charge went through (or that had nothing to charge).</summary>
    private async Task<PayOutcome> PaidAsync(string idempotencyKey) => await SettleApprovedChargeAsync(idempotencyKey)
        ? new PayOutcome(PayStatus.Paid, View())
        : new PayOutcome(PayStatus.Failed, View(), "stock_released", Record.FailureReason);

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

    /// <summary>Refunds, then gives the stock back; idempotent, so a resumed refund repeats nothing.</summary>
    private async Task<bool> FinishRefundAsync(string reason)
    {
        var refund = await Payment().Refund(reason);
        if (refund.Status == RefundStatus.Failed)
        {
            Record.FailureReason = refund.Message;
            return false;
        }

        // A sale kept past its sold-hold retention has been archived by its stock grain, which then
        // takes the shopper and quantity in place of the hold.
        await Task.WhenAll(Record.Lines.Select(ReturnLineAsync));
        await EndAsync(OrderPhase.Refunded, null, Record.Rejections);
        return true;
    }

    private async Task ReturnLineAsync(OrderLineView line)
    {
        if (await Stock(line.ProductId).ReturnSold(new SoldReturn(OrderId, Record.ShopperId, line.Quantity)) == HoldChange.NotFound)
        {
            LogNothingToReturn(logger, OrderId, line.ProductId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was refunded, but {ProductId} had no sale of it to return; its units stay sold")]
    private static partial void LogNothingToReturn(ILogger logger, string orderId, string productId);
}
