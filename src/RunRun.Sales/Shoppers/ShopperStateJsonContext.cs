using System.Text.Json.Serialization;

namespace RunRun.Sales.Shoppers;

/// <summary>Serializer metadata for the shopper grain's stored state and its history pages.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ShopperState))]
[JsonSerializable(typeof(OrderHistoryPage))]
internal sealed partial class ShopperStateJsonContext : JsonSerializerContext;
