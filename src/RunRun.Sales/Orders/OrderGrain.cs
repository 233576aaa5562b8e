using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Actors.Reminders;
using RunRun.Actors.Runtime;
using RunRun.Sales.Hosting;
using RunRun.Sales.Payments;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Orders;

/// <summary>
/// One order. It reserves every line in parallel and gives back what it got if any line fails;
/// it holds the stock until paid or until its deadline, which a durable reminder enforces; paying
/// goes through the order's payment grain, which charges at most once.
/// </summary>
[CollectionAgeLimit(Minutes = GrainLifetimes.PerOrderMinutes)]
internal sealed partial class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderRecord> order,
    IOptions<OrderOptions> options,
    TimeProvider timeProvider,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";

    // The handle of the expiry reminder this activation registered: ending the order removes it
    // without reading the reminder table first. Null after a reactivation; then it is read.
    private IGrainReminder? _expiry;

    private OrderRecord Record => order.State;

    private string OrderId => this.GetPrimaryKeyString();

    public Task<OrderView?> Get() => Task.FromResult(IsUnknown() ? null : View());

    /// <summary>
    /// True for an order never placed: its activation then leaves at once, so that calls naming
    /// made-up ids do not keep an activation each for the collection age.
    /// </summary>
    private bool IsUnknown()
    {
        if (Record.Phase != OrderPhase.None)
        {
            return false;
        }

        DeactivateOnIdle();
        return true;
    }

    private IStockGrain Stock(string productId) => GrainFactory.GetGrain<IStockGrain>(productId);

    private async Task ReleaseAllAsync() => await Task.WhenAll(Record.Lines.Select(l => Stock(l.ProductId).Release(OrderId)));

    private IPaymentGrain Payment() => GrainFactory.GetGrain<IPaymentGrain>(OrderId);

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
}
