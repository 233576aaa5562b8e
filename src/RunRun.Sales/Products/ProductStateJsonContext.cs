using System.Text.Json.Serialization;

namespace RunRun.Sales.Products;

/// <summary>Serializer metadata for the product grain's stored state.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProductState))]
internal sealed partial class ProductStateJsonContext : JsonSerializerContext;
