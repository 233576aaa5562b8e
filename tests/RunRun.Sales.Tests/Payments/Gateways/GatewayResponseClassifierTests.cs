using System.Net;
using RunRun.Sales.Payments;
using RunRun.Sales.Payments.Gateways;

namespace RunRun.Sales.Tests.Payments.Gateways;

public sealed class GatewayResponseClassifierTests
{
    [Theory]
    [InlineData(PaymentOperation.Confirm, 400, "INVALID_CARD", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Confirm, 403, "REJECT_CARD_PAYMENT", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Confirm, 404, "NOT_FOUND_PAYMENT_SESSION", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Confirm, 409, "DUPLICATED_ORDER_ID", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Confirm, 422, "SOME_PROVIDER_RULE", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Cancel, 400, "ALREADY_CANCELED_PAYMENT", GatewayResultKind.Declined)]
    [InlineData(PaymentOperation.Cancel, 404, "NOT_FOUND_PAYMENT", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 401, "UNAUTHORIZED_KEY", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 400, "INVALID_API_KEY", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 400, "INVALID_REQUEST", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 422, "IDEMPOTENCY_KEY_REUSED", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 404, null, GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 400, "PROVIDER_ERROR", GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 409, "IDEMPOTENT_REQUEST_PROCESSING", GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 408, null, GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 429, "PROVIDER_BUSY", GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 502, null, GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 503, "PROVIDER_BUSY", GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Cancel, 504, null, GatewayResultKind.TransientFailure)]
    [InlineData(PaymentOperation.Confirm, 500, "FAILED_INTERNAL_SYSTEM_PROCESSING", GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 405, null, GatewayResultKind.Failed)]
    [InlineData(PaymentOperation.Confirm, 501, null, GatewayResultKind.Failed)]
    public void Classify_StatusAndCode_KindByWhoseFaultItIs(PaymentOperation operation, int status, string? code, GatewayResultKind expected)
    {
        var error = code is null ? null : new PaymentErrorResponse(code, "message");

        var result = GatewayResponseClassifier.Classify(operation, (HttpStatusCode)status, error);

        result.Kind.ShouldBe(expected);
        result.Code.ShouldBe(code ?? $"HTTP_{status}");
        result.TransactionId.ShouldBeNull();
    }
}
