using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Source-generated JSON for the Toss-style HTTP contract (camelCase, as Toss writes it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConfirmPaymentRequest))]
[JsonSerializable(typeof(CancelPaymentRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(PaymentErrorResponse))]
internal sealed partial class PaymentGatewayJsonContext : JsonSerializerContext;
