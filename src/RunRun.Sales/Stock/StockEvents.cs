using System.Text.Json.Serialization;
using RunRun.Sales.Products;

namespace RunRun.Sales.Stock;

/// <summary>What happens to a product's stock; the stock grain's journal is a list of these.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(TermsSet), "terms")]
[JsonDerivedType(typeof(StockAdded), "added")]
[JsonDerivedType(typeof(UnitsReserved), "reserved")]
[JsonDerivedType(typeof(HoldConfirmed), "confirmed")]
[JsonDerivedType(typeof(HoldReleased), "released")]
internal abstract record StockEvent;

internal sealed record TermsSet(SaleTerms Terms) : StockEvent;

internal sealed record StockAdded(long Quantity) : StockEvent;

internal sealed record UnitsReserved(string OrderId, string ShopperId, int Quantity, DateTimeOffset At) : StockEvent;

internal sealed record HoldConfirmed(string OrderId) : StockEvent;

internal sealed record HoldReleased(string OrderId) : StockEvent;
