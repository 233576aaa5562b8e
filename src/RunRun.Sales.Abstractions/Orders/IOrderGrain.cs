using RunRun.Actors;
using RunRun.Actors.Concurrency;

namespace RunRun.Sales.Orders;

/// <summary>One order, keyed by order id: reserves its lines, waits for payment until its deadline, and ends.</summary>
public interface IOrderGrain : IGrainWithStringKey
{
    Task<PlaceOutcome> Place(PlaceOrderRequest request);

    Task<PayOutcome> Pay(PayRequest request);

    /// <summary>Cancels an unpaid order, or refunds a paid one; only its shopper (or an operator) may.</summary>
    Task<CancelOutcome> Cancel(Actor actor);

    [ReadOnly]
    Task<OrderView?> Get();

    /// <summary>Ends the order if its payment deadline has passed and makes sure its expiry reminder exists.</summary>
    Task<OrderView?> CheckDeadline();
}
