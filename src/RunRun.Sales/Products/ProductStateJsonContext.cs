using System.Text.Json.Serialization;

namespace RunRun.Sales.Products;

/// <summary>Serializer metadata for the stored state of the product, catalogue and readiness grains.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProductState))]
[JsonSerializable(typeof(CatalogState))]
[JsonSerializable(typeof(RunRun.Sales.Operations.ReadinessState))]
internal sealed partial class ProductStateJsonContext : JsonSerializerContext;
