using System.Text.Json;
using System.Text.Json.Serialization;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>Source-generated JSON for the simulator's journal lines.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SimulatedPaymentCall))]
internal sealed partial class PaymentSimulatorJournalJsonContext : JsonSerializerContext;
