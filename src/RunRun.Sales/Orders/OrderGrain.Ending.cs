using RunRun.Actors.Reminders;
using RunRun.Sales.Payments;

namespace RunRun.Sales.Orders;

/// <summary>How an order ends other than paid: cancelled (refunded if paid), expired at its deadline, or settled late.</summary>
internal sealed partial class OrderGrain
{
    public async Task<CancelOutcome> Cancel(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (IsUnknown() || (Record.ShopperId != actor.UserId && !actor.IsOperator))
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

    public async Task<OrderView?> CheckDeadline()
    {
        if (IsUnknown())
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
}
