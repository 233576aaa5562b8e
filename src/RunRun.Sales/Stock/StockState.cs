using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

/// <summary>
/// A product's stock. Available + Reserved + Sold = TotalAdded after every event; holds are kept
/// after release so that a repeated request for the same order stays idempotent. Sold holds are
/// archived after their retention: Sold still counts their units, ArchivedSold counts them apart.
/// </summary>
internal sealed class StockState
{
    public SaleTerms? Terms { get; set; }

    public long TotalAdded { get; set; }

    public long Available { get; set; }

    public long Reserved { get; set; }

    public long Sold { get; set; }

    /// <summary>Units of Sold whose holds were archived and not refunded since; never more than Sold.</summary>
    public long ArchivedSold { get; set; }

    [System.Text.Json.Serialization.JsonConverter(typeof(StockHoldsJsonConverter))]
    public Dictionary<string, StockHold> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units each shopper holds or has bought, for the per-shopper limit.</summary>
    public Dictionary<string, int> PerShopper { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The latest keyed restocks, oldest first, so a repeated one adds nothing.</summary>
    public List<RecentRestock> RecentRestocks { get; set; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int OpenHolds => Holds.Values.Count(h => h.State == HoldState.Reserved);

    public void Apply(StockEvent change)
    {
        switch (change)
        {
            case TermsSet set:
                Terms = set.Terms;
                break;
            case StockAdded added:
                TotalAdded += added.Quantity;
                Available += added.Quantity;
                if (added.RestockKey is { } key)
                {
                    if (RecentRestocks.Count >= RecentRestock.Kept)
                    {
                        RecentRestocks.RemoveAt(0);
                    }

                    RecentRestocks.Add(new RecentRestock(key, added.Quantity));
                }

                break;
            case UnitsReserved reserved:
                Available -= reserved.Quantity;
                Reserved += reserved.Quantity;
                Holds[reserved.OrderId] = new StockHold
                {
                    ShopperId = reserved.ShopperId, Quantity = reserved.Quantity, State = HoldState.Reserved, ReservedAt = reserved.At, UnitPrice = reserved.UnitPrice,
                };
                PerShopper[reserved.ShopperId] = PerShopper.GetValueOrDefault(reserved.ShopperId) + reserved.Quantity;
                break;
            case HoldConfirmed confirmed:
                var sold = Holds[confirmed.OrderId];
                Reserved -= sold.Quantity;
                Sold += sold.Quantity;
                sold.State = HoldState.Sold;
                sold.SoldAt = confirmed.At;
                break;
            case HoldReleased released:
                var hold = Holds[released.OrderId];
                if (hold.State == HoldState.Sold)
                {
                    Sold -= hold.Quantity;
                    hold.State = HoldState.Refunded;
                }
                else
                {
                    Reserved -= hold.Quantity;
                    hold.State = HoldState.Released;
                }

                Available += hold.Quantity;
                hold.ReleasedAt = released.At ?? hold.ReservedAt;
                GiveBack(hold.ShopperId, hold.Quantity);
                break;
            case HoldsPruned pruned:
                foreach (var orderId in pruned.OrderIds)
                {
                    // Refunded too: journals written before refunded holds were kept pruned them as released.
                    if (Holds.TryGetValue(orderId, out var gone) && gone.State is HoldState.Released or HoldState.Refunded)
                    {
                        Holds.Remove(orderId);
                    }
                }

                break;
            case SoldHoldsArchived archived:
                foreach (var orderId in archived.OrderIds)
                {
                    if (Holds.TryGetValue(orderId, out var gone) && gone.State == HoldState.Sold)
                    {
                        Holds.Remove(orderId);
                        ArchivedSold += gone.Quantity;
                    }
                }

                break;
            case ArchivedSaleReturned returned:
                Sold -= returned.Quantity;
                ArchivedSold -= returned.Quantity;
                Available += returned.Quantity;
                GiveBack(returned.ShopperId, returned.Quantity);
                Holds[returned.OrderId] = new StockHold
                {
                    ShopperId = returned.ShopperId, Quantity = returned.Quantity, State = HoldState.Refunded, ReservedAt = returned.At, ReleasedAt = returned.At,
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown stock event.");
        }
    }

    private void GiveBack(string shopperId, int quantity)
    {
        if ((PerShopper[shopperId] -= quantity) == 0)
        {
            // A shopper with nothing held or bought needs no entry: the map keeps only holders and buyers.
            PerShopper.Remove(shopperId);
        }
    }
}

/// <summary>A keyed restock a product remembers.</summary>
internal sealed record RecentRestock(string Key, long Quantity)
{
    /// <summary>Keys kept per product: retries come within minutes, and restocks are rare.</summary>
    public const int Kept = 100;
}

internal enum HoldState
{
    Reserved,
    Sold,

    /// <summary>Given back before it was sold; pruned after ReleasedHoldRetention.</summary>
    Released,

    /// <summary>Given back after it was sold (a refund); kept for good, so a repeated refund returns nothing.</summary>
    Refunded,
}

/// <summary>
/// One order's units. A hot product keeps one per order it has seen, twice over (tentative and
/// confirmed state), so times are kept as UTC ticks and the price as its two parts: 72 bytes, where
/// fields of the properties' own types would take over 100. The properties keep their types, and
/// with them the JSON of earlier versions.
/// </summary>
internal sealed class StockHold
{
    private long _reservedAtTicks;

    // 0 (year 1) stands for "not sold" and "not released".
    private long _soldAtTicks;
    private long _releasedAtTicks;
    private long _priceAmount;

    // Null stands for "no price kept" (journals written before prices were).
    private string? _priceCurrency;

    public string ShopperId { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public HoldState State { get; set; }

    public DateTimeOffset ReservedAt
    {
        get => new(_reservedAtTicks, TimeSpan.Zero);
        set => _reservedAtTicks = value.UtcTicks;
    }

    /// <summary>When the hold was sold (null before, and in journals older than sale times); it is archived a retention later.</summary>
    public DateTimeOffset? SoldAt
    {
        get => _soldAtTicks == 0 ? null : new DateTimeOffset(_soldAtTicks, TimeSpan.Zero);
        set => _soldAtTicks = value?.UtcTicks ?? 0;
    }

    /// <summary>When the hold was given back; a released hold is kept a retention past it, then pruned.</summary>
    public DateTimeOffset? ReleasedAt
    {
        get => _releasedAtTicks == 0 ? null : new DateTimeOffset(_releasedAtTicks, TimeSpan.Zero);
        set => _releasedAtTicks = value?.UtcTicks ?? 0;
    }

    /// <summary>The unit price when reserved, so a repeated request is answered with the price the order holds.</summary>
    public Money? UnitPrice
    {
        get => _priceCurrency is null ? null : new Money(_priceAmount, _priceCurrency);
        set => (_priceAmount, _priceCurrency) = value is { } price ? (price.Amount, price.Currency) : (0, null);
    }
}
