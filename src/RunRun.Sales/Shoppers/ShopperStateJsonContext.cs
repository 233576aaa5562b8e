using System.Text.Json.Serialization;

namespace RunRun.Sales.Shoppers;

/// <summary>Serializer metadata for the shopper grain's stored state.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ShopperState))]
internal sealed partial class ShopperStateJsonContext : JsonSerializerContext;
