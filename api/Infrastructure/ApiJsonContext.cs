using System.Text.Json;
using System.Text.Json.Serialization;
using RunRun.Api.Accounts;
using RunRun.Api.Orders;
using RunRun.Api.Products;
using RunRun.Sales.Orders;

namespace RunRun.Api.Infrastructure;

/// <summary>Serializer metadata for the API's bodies, so requests and responses need no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SignUpBody))]
[JsonSerializable(typeof(TokenBody))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(ProductBody))]
[JsonSerializable(typeof(StockBody))]
[JsonSerializable(typeof(ProductView))]
[JsonSerializable(typeof(ProductList))]
[JsonSerializable(typeof(Availability))]
[JsonSerializable(typeof(PlaceOrderBody))]
[JsonSerializable(typeof(PayBody))]
[JsonSerializable(typeof(PaymentPage))]
[JsonSerializable(typeof(OrderList))]
[JsonSerializable(typeof(OrderView))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
