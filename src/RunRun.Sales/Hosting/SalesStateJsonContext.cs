using System.Text.Json.Serialization;
using RunRun.Sales.Orders;
using RunRun.Sales.Payments;
using RunRun.Sales.Stock;

namespace RunRun.Sales.Hosting;

/// <summary>Serializer metadata for what the sale's grains store: state and journal events.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StockState))]

// Holds written as objects by earlier versions are read through this.
[JsonSerializable(typeof(StockHold))]
[JsonSerializable(typeof(StockEvent))]
[JsonSerializable(typeof(OrderRecord))]
[JsonSerializable(typeof(PaymentRecord))]
internal sealed partial class SalesStateJsonContext : JsonSerializerContext;
