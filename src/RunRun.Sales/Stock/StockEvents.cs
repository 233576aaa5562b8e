using System.Text.Json.Serialization;
using RunRun.Actors.Concurrency;
using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

/// <summary>
/// What happens to a product's stock; the stock grain's journal is a list of these. Those marked
/// [Immutable] reach the confirmed state as raised instead of being read back from their bytes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(TermsSet), "terms")]
[JsonDerivedType(typeof(StockAdded), "added")]
[JsonDerivedType(typeof(UnitsReserved), "reserved")]
[JsonDerivedType(typeof(HoldConfirmed), "confirmed")]
[JsonDerivedType(typeof(HoldReleased), "released")]
[JsonDerivedType(typeof(HoldsPruned), "pruned")]
[JsonDerivedType(typeof(SoldHoldsArchived), "archived")]
[JsonDerivedType(typeof(ArchivedSaleReturned), "archived-returned")]
internal abstract record StockEvent;

internal sealed record TermsSet(SaleTerms Terms) : StockEvent;

/// <summary>Units added; a keyed restock (null in older journals and unkeyed ones) is remembered by its key.</summary>
[Immutable]
internal sealed record StockAdded(long Quantity, string? RestockKey = null) : StockEvent;

/// <summary>Units held for an order at the price of that moment; a journal written before prices were kept reads a null price.</summary>
[Immutable]
internal sealed record UnitsReserved(string OrderId, string ShopperId, int Quantity, DateTimeOffset At, Money? UnitPrice = null) : StockEvent;

/// <summary>A hold sold; the time (null in older journals) starts the sold hold's retention.</summary>
[Immutable]
internal sealed record HoldConfirmed(string OrderId, DateTimeOffset? At = null) : StockEvent;

/// <summary>A hold given back; the time (null in older journals) starts the hold's retention.</summary>
[Immutable]
internal sealed record HoldReleased(string OrderId, DateTimeOffset? At = null) : StockEvent;

/// <summary>Released holds dropped after their retention, so a product's state does not grow with every order it ever saw.</summary>
internal sealed record HoldsPruned(IReadOnlyList<string> OrderIds) : StockEvent;

/// <summary>
/// Sold holds dropped after their retention: their units stay sold and their shoppers' counts stay,
/// so only a refund's repeat could need them, and a refund of one comes as an <see cref="ArchivedSaleReturned"/>.
/// </summary>
internal sealed record SoldHoldsArchived(IReadOnlyList<string> OrderIds) : StockEvent;

/// <summary>An archived sale refunded: its units go back on sale, and a refunded hold is kept for the order from now on.</summary>
[Immutable]
internal sealed record ArchivedSaleReturned(string OrderId, string ShopperId, int Quantity, DateTimeOffset At) : StockEvent;
