using System.Text.Json.Serialization;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Products;
using RunRun.Sales.Shoppers;
using RunRun.Sales.Stock;

namespace RunRun.Sales;

/// <summary>Serializer metadata for every message the sale's grains exchange.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Actor))]
[JsonSerializable(typeof(Money))]
[JsonSerializable(typeof(ProductDraft))]
[JsonSerializable(typeof(ProductInfo))]
[JsonSerializable(typeof(ProductResult))]
[JsonSerializable(typeof(SaleTerms))]
[JsonSerializable(typeof(CatalogEntry))]
[JsonSerializable(typeof(CatalogQuery))]
[JsonSerializable(typeof(CatalogPage))]
[JsonSerializable(typeof(ReserveRequest))]
[JsonSerializable(typeof(SoldReturn))]
[JsonSerializable(typeof(ReserveOutcome))]
[JsonSerializable(typeof(StockSnapshot))]
[JsonSerializable(typeof(StockHolders))]
[JsonSerializable(typeof(IReadOnlyList<BreakerTrip>))]
[JsonSerializable(typeof(HoldChange))]
[JsonSerializable(typeof(RestockOutcome))]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(PlaceOutcome))]
[JsonSerializable(typeof(PayRequest))]
[JsonSerializable(typeof(PayOutcome))]
[JsonSerializable(typeof(CancelOutcome))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(ChargeRequest))]
[JsonSerializable(typeof(ChargeOutcome))]
[JsonSerializable(typeof(RefundOutcome))]
[JsonSerializable(typeof(PaymentStanding))]
[JsonSerializable(typeof(SignUpRequest))]
[JsonSerializable(typeof(AccountResult))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(OrderPage))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class SalesJsonContext : JsonSerializerContext;
