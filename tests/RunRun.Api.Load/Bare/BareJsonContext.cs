using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRun.Api.Bare;

/// <summary>Source-generated metadata, as the real API uses, so both sides pay the same serialization cost.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PlaceOrderBody))]
[JsonSerializable(typeof(OrderResponse))]
public sealed partial class BareJsonContext : JsonSerializerContext;
