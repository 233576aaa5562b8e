using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Actors.Concurrency;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Reminders;
using RunRun.Sales.Orders;
using RunRun.Sales.Hosting;
using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

/// <summary>
/// One product's stock. Every decision is made synchronously on the tentative state, so requests may
/// interleave while a journal write is in flight ([Reentrant]) and their events go into the next
/// write together; each request awaits its own events, which is where it sees a storage failure and
/// tells the breaker. Replies that saw unwritten state wait for it (the runtime holds them).
/// </summary>
[Reentrant]
internal sealed class StockGrain(
    IOptions<StockBreakerOptions> breakerOptions,
    IOptions<OrderOptions> orderOptions,
    IOptions<ProductOptions> productOptions,
    TimeProvider timeProvider)
    : JournaledGrain<StockState, StockEvent>, IStockGrain, IRemindable
{
    private const string HoldAuditReminder = "hold-audit";

    // Holds asked about per audit at most, so one audit never keeps the grain busy for long.
    private const int MaxHoldsPerAudit = 500;

    // Released holds dropped, and sold holds archived, per audit at most, so one event stays a modest write.
    private const int MaxPrunedPerAudit = 10_000;

    // While one probe runs, others are asked to come back shortly rather than after a whole break.
    private static readonly TimeSpan ProbeRetryAfter = TimeSpan.FromSeconds(1);

    private const long MaxTotal = 1_000_000_000;

    // Bounds the memory of which orders already reported a failure; clearing it only re-allows a repeat.
    private const int MaxRememberedFailures = 10_000;

    private readonly CheckoutBreaker _breaker = new(breakerOptions.Value, timeProvider);
    private readonly Dictionary<string, DateTimeOffset> _reportedFailures = new(StringComparer.Ordinal);
    private Exception? _lastCountedWriteFailure;

    // The last filter of holders handed out: every API replica polls a sold-out product, and after
    // the sell-out its holds rarely change, so one build serves them all until the next event.
    private StockHolders? _holders;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Monitoring finds tripped products on the board instead of asking every stock grain.
        _breaker.Opened = () => GrainFactory.GetGrain<IBreakerBoardGrain>(IBreakerBoardGrain.Key).Tripped(ProductId);
        return base.OnActivateAsync(cancellationToken);
    }

    private string ProductId => this.GetPrimaryKeyString();

    public async Task Configure(SaleTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.PerShopperLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(terms), terms.PerShopperLimit, "The per-shopper limit must be at least 1.");
        }

        if (terms != State.Terms)
        {
            RaiseEvent(new TermsSet(terms));
            await PersistAsync();
        }

        // Every time, not only the first: a registration lost to a crash is made good by the next edit.
        var period = orderOptions.Value.HoldAuditPeriod;
        await RegisterOrUpdateReminder(HoldAuditReminder, period, period);
    }

    // Not async: the hot path hands back the reservation's own task, one state machine per reservation, not two.
    public Task<ReserveOutcome> Reserve(ReserveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (State.Holds.TryGetValue(request.OrderId ?? string.Empty, out var existing))
        {
            // The same order again (a double click, a retry): answer as the first time, reserve nothing.
            // Before the breaker and the sale window: the units are held already, and refusing would tell the shopper otherwise.
            if (existing.ShopperId != request.ShopperId || existing.Quantity != request.Quantity)
            {
                return Task.FromResult(new ReserveOutcome(ReserveStatus.Invalid) { Reason = "This order already holds a different reservation of this product." });
            }

            return Task.FromResult(existing.State is HoldState.Released or HoldState.Refunded
                ? new ReserveOutcome(ReserveStatus.Invalid) { Reason = "This order's reservation was already released." }
                : new ReserveOutcome(ReserveStatus.Reserved) { Quantity = existing.Quantity, Available = State.Available, UnitPrice = existing.UnitPrice ?? State.Terms?.Price });
        }

        if (_breaker.RetryAfter is { } retryAfter)
        {
            return Task.FromResult(new ReserveOutcome(ReserveStatus.Unavailable) { RetryAfter = retryAfter, Reason = "The product is temporarily unavailable." });
        }

        if (_breaker.NeedsProbe)
        {
            // Only a reservation that will write can test the storage: refusals (sold out, over the
            // limit) are answered without touching the breaker, so they cannot close it.
            var decision = Decide(request);
            return decision.IsReserved ? ProbeAsync(request) : Task.FromResult(decision);
        }

        return ReserveAndPersistAsync(request, countsFailure: true);
    }

    public async Task<HoldChange> Confirm(string orderId)
    {
        if (!State.Holds.TryGetValue(orderId, out var hold))
        {
            return HoldChange.NotFound;
        }

        switch (hold.State)
        {
            case HoldState.Sold:
                return HoldChange.AlreadyApplied;
            case HoldState.Released or HoldState.Refunded:
                return HoldChange.Conflict;
        }

        RaiseEvent(new HoldConfirmed(orderId, timeProvider.GetUtcNow()));
        await PersistCountingFailureAsync();
        _breaker.RecordSuccess();
        return HoldChange.Applied;
    }

    public async Task<HoldChange> Release(string orderId)
    {
        if (!State.Holds.TryGetValue(orderId, out var hold))
        {
            return HoldChange.NotFound;
        }

        if (hold.State is HoldState.Released or HoldState.Refunded)
        {
            return HoldChange.AlreadyApplied;
        }

        RaiseEvent(new HoldReleased(orderId, timeProvider.GetUtcNow()));
        await PersistCountingFailureAsync();
        return HoldChange.Applied;
    }

    public Task<HoldChange> ReturnSold(SoldReturn request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OrderId is not null && State.Holds.ContainsKey(request.OrderId))
        {
            return Release(request.OrderId);
        }

        // The hold was archived, or never was: an archived sale that large must exist, and the
        // shopper's count must still include it, or the return would give back units never sold.
        if (string.IsNullOrWhiteSpace(request.OrderId) || request.ShopperId is null
            || request.Quantity < 1 || request.Quantity > State.ArchivedSold
            || State.PerShopper.GetValueOrDefault(request.ShopperId) < request.Quantity)
        {
            return Task.FromResult(HoldChange.NotFound);
        }

        return ReturnArchivedAsync(request);
    }

    public Task<StockSnapshot> AddStock(long quantity) => AddAsync(quantity, restockKey: null);

    public async Task<RestockOutcome> AddStockOnce(string restockKey, long quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(restockKey);
        if (State.RecentRestocks.Find(r => r.Key == restockKey) is { } earlier)
        {
            return new RestockOutcome(earlier.Quantity == quantity ? RestockStatus.Repeated : RestockStatus.KeyConflict, Snapshot());
        }

        return new RestockOutcome(RestockStatus.Added, await AddAsync(quantity, restockKey));
    }

    public Task ReportSystemFailure(string orderId, string reason)
    {
        // One order is one checkout: a shopper clicking "pay" ten times against a broken gateway
        // must not look like ten failed checkouts and open the breaker for everyone.
        var now = timeProvider.GetUtcNow();
        if (_reportedFailures.TryGetValue(orderId, out var at) && now - at < breakerOptions.Value.SamplingDuration)
        {
            return Task.CompletedTask;
        }

        if (_reportedFailures.Count >= MaxRememberedFailures)
        {
            _reportedFailures.Clear();
        }

        _reportedFailures[orderId] = now;
        _breaker.RecordFailure();
        return Task.CompletedTask;
    }

    public Task<StockSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<SaleTerms?> GetTerms() => Task.FromResult(State.Terms);

    public Task<StockHolders> GetHolders(long knownVersion)
    {
        if (knownVersion == Version)
        {
            return Task.FromResult(new StockHolders(Version, State.Available, null));
        }

        if (_holders?.Version != Version)
        {
            // PerShopper names everyone with units reserved or sold, archived sales included; the
            // given-back holds add the shoppers whose retry of that order still needs this grain.
            var givenBack = State.Holds.Values.Where(hold => hold.State is HoldState.Released or HoldState.Refunded).Select(hold => hold.ShopperId).ToList();
            var shoppers = ShopperFilter.Of(givenBack.Concat(State.PerShopper.Keys), givenBack.Count + State.PerShopper.Count);
            _holders = new StockHolders(Version, State.Available, shoppers);
        }

        return Task.FromResult(_holders);
    }

    /// <summary>
    /// The hold audit: a hold still reserved long after any payment deadline belongs to an order
    /// that was never recorded (its silo died between reserving and writing) or that lost its
    /// reminder. The order is asked to check its deadline; holds nobody owns are released here.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != HoldAuditReminder)
        {
            return;
        }

        var cutoff = timeProvider.GetUtcNow() - orderOptions.Value.HoldAuditHorizon;
        var stale = State.Holds
            .Where(h => h.Value.State == HoldState.Reserved && h.Value.ReservedAt < cutoff)
            .Select(h => h.Key)
            .Take(MaxHoldsPerAudit)
            .ToList();
        foreach (var orderId in stale)
        {
            OrderView? order;
            try
            {
                order = await GrainFactory.GetGrain<IOrderGrain>(orderId).CheckDeadline();
            }
            catch (Exception)
            {
                // One order that cannot answer now must not stop the audit of the others; it is asked again next time.
                continue;
            }

            if (!State.Holds.TryGetValue(orderId, out var hold) || hold.State != HoldState.Reserved)
            {
                continue;
            }

            if (order is { State: OrderState.Paid })
            {
                await Confirm(orderId);
            }
            else if (order is null || order.State != OrderState.AwaitingPayment)
            {
                await Release(orderId);
            }
        }

        await PruneHoldsAsync();
    }

    /// <summary>
    /// Drops holds released longer ago than their retention: past it no retry of their order is
    /// expected, and a late one is answered as if the order were new. Archives sold holds past
    /// theirs: a refund then returns the units through <see cref="ReturnSold"/>. Refunded holds
    /// stay, so that a repeated refund can never return the same units twice.
    /// </summary>
    private async Task PruneHoldsAsync()
    {
        var now = timeProvider.GetUtcNow();
        var options = orderOptions.Value;
        var pruned = Older(HoldState.Released, now - options.ReleasedHoldRetention, hold => hold.ReleasedAt ?? hold.ReservedAt);
        var archived = Older(HoldState.Sold, now - options.SoldHoldRetention, hold => hold.SoldAt ?? hold.ReservedAt);
        if (pruned.Count > 0)
        {
            RaiseEvent(new HoldsPruned(pruned));
        }

        if (archived.Count > 0)
        {
            RaiseEvent(new SoldHoldsArchived(archived));
        }

        if (pruned.Count + archived.Count > 0)
        {
            await PersistAsync();
        }
    }

    private List<string> Older(HoldState state, DateTimeOffset cutoff, Func<StockHold, DateTimeOffset> since) => State.Holds
        .Where(h => h.Value.State == state && since(h.Value) < cutoff)
        .Select(h => h.Key)
        .Take(MaxPrunedPerAudit)
        .ToList();

    protected override void TransitionState(StockState state, StockEvent change) => state.Apply(change);

    private async Task<StockSnapshot> AddAsync(long quantity, string? restockKey)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quantity, 1);
        if (quantity > MaxTotal - State.TotalAdded)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"Stock may not exceed {MaxTotal:N0} units in total.");
        }

        RaiseEvent(new StockAdded(quantity, restockKey));
        await PersistAsync();
        return Snapshot();
    }

    /// <summary>
    /// Decides, and writes a reservation. A probe's failure reaches the breaker through the probe, so
    /// only other reservations count their own (<paramref name="countsFailure"/>).
    /// </summary>
    private async Task<ReserveOutcome> ReserveAndPersistAsync(ReserveRequest request, bool countsFailure)
    {
        var outcome = Decide(request);
        if (!outcome.IsReserved)
        {
            return outcome;
        }

        try
        {
            RaiseEvent(new UnitsReserved(request.OrderId, request.ShopperId, request.Quantity, timeProvider.GetUtcNow(), outcome.UnitPrice));
            await PersistAsync();
        }
        catch (Exception exception) when (countsFailure)
        {
            CountWriteFailure(exception);
            throw;
        }

        return outcome with { Available = State.Available };
    }

    private async Task<HoldChange> ReturnArchivedAsync(SoldReturn request)
    {
        RaiseEvent(new ArchivedSaleReturned(request.OrderId, request.ShopperId, request.Quantity, timeProvider.GetUtcNow()));
        await PersistCountingFailureAsync();
        return HoldChange.Applied;
    }

    /// <summary>Writes the events raised so far; a failed write of a confirm or release is this product's storage failing too.</summary>
    private async Task PersistCountingFailureAsync()
    {
        try
        {
            await PersistAsync();
        }
        catch (Exception exception)
        {
            CountWriteFailure(exception);
            throw;
        }
    }

    /// <summary>
    /// A failed journal write is a system failure. Every request waiting on one failed write receives
    /// the same exception; it counts once.
    /// </summary>
    private void CountWriteFailure(Exception exception)
    {
        if (!ReferenceEquals(exception, _lastCountedWriteFailure))
        {
            _lastCountedWriteFailure = exception;
            _breaker.RecordFailure();
        }
    }

    /// <summary>The checks in the order the design gives them, after the breaker.</summary>
    private ReserveOutcome Decide(ReserveRequest request)
    {
        if (State.Terms is not { } terms)
        {
            return ReserveOutcome.UnknownProduct(ProductId);
        }

        var now = timeProvider.GetUtcNow();
        if (terms.StartsAt is { } opensAt && now < opensAt)
        {
            return new ReserveOutcome(ReserveStatus.NotOnSale) { OpensAt = opensAt, Reason = "The sale has not opened yet." };
        }

        if (terms.EndsAt is { } endsAt && now >= endsAt)
        {
            return new ReserveOutcome(ReserveStatus.NotOnSale) { Reason = "The sale has closed." };
        }

        // A product priced before the shop narrowed its currencies could never be paid for: each
        // attempt would fail at the gateway as a system failure and count against this breaker.
        if (productOptions.Value.Currencies is { Count: > 0 } currencies && !currencies.Contains(terms.Price.Currency))
        {
            return new ReserveOutcome(ReserveStatus.NotOnSale) { Reason = $"The product is priced in {terms.Price.Currency}, which this shop no longer charges." };
        }

        if (request.Quantity < 1 || string.IsNullOrWhiteSpace(request.OrderId) || string.IsNullOrWhiteSpace(request.ShopperId))
        {
            return new ReserveOutcome(ReserveStatus.Invalid) { Reason = "A reservation needs an order, a shopper and a quantity of at least 1." };
        }

        if (State.PerShopper.GetValueOrDefault(request.ShopperId) + (long)request.Quantity > terms.PerShopperLimit)
        {
            return new ReserveOutcome(ReserveStatus.LimitExceeded) { Reason = $"At most {terms.PerShopperLimit} per shopper." };
        }

        if (State.Available == 0)
        {
            return new ReserveOutcome(ReserveStatus.SoldOut);
        }

        return State.Available < request.Quantity
            ? new ReserveOutcome(ReserveStatus.Insufficient) { Available = State.Available }
            : new ReserveOutcome(ReserveStatus.Reserved) { Quantity = request.Quantity, UnitPrice = terms.Price };
    }

    // Its own method: a lambda capturing the request inside Reserve would allocate its closure on every
    // reservation (captures are hoisted to the start of the method), not only on the rare probe.
    private async Task<ReserveOutcome> ProbeAsync(ReserveRequest request)
    {
        var (ran, outcome) = await _breaker.TryProbeAsync(() => new ValueTask<ReserveOutcome>(ReserveAndPersistAsync(request, countsFailure: false)));
        return ran
            ? outcome
            : new ReserveOutcome(ReserveStatus.Unavailable) { RetryAfter = ProbeRetryAfter, Reason = "The product is temporarily unavailable." };
    }

    /// <summary>Waits until this request's events are durable; a failure here is a storage fault.</summary>
    private Task PersistAsync() => ConfirmEvents();

    private StockSnapshot Snapshot() => new(
        ProductId, State.TotalAdded, State.Available, State.Reserved, State.Sold, State.OpenHolds, _breaker.State, State.Terms);
}
