using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PaymentAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<RunRun.Sales.Payments.Gateways.PaymentResponse>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<RunRun.Sales.Payments.Gateways.PaymentErrorResponse>>;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// Serves the <see cref="PaymentSimulator"/> registered in the host's services over the Toss-style
/// HTTP contract that <see cref="HttpPaymentGateway"/> speaks, so the HTTP gateway is tested against
/// a real server. Every answer's status follows Toss: 200 with the payment, 4xx with a code for a
/// decline, 503 for a transient failure, 500 for a system failure.
/// </summary>
public static class PaymentSimulatorEndpoints
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>
    /// Maps POST /v1/payments/confirm, POST /v1/payments/{paymentKey}/cancel and GET
    /// /v1/payments/orders/{orderId}, all behind Basic auth with <paramref name="secretKey"/>.
    /// </summary>
    public static RouteGroupBuilder MapPaymentSimulator(this IEndpointRouteBuilder endpoints, string secretKey)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        var simulator = endpoints.ServiceProvider.GetRequiredService<PaymentSimulator>();
        var credentials = Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secretKey + ":")));

        var payments = endpoints.MapGroup("/v1/payments");
        payments.AddEndpointFilter((context, next) => IsAuthorized(context.HttpContext.Request, credentials)
            ? next(context)
            : ValueTask.FromResult<object?>(Error(StatusCodes.Status401Unauthorized, PaymentGatewayCodes.UnauthorizedKey, "The secret key is missing or wrong.")));
        payments.MapPost("/confirm", (HttpRequest request, CancellationToken cancellationToken) =>
            ConfirmAsync(simulator, request, cancellationToken));
        // Routing decodes every escape in a segment except %2F, so that an encoded slash cannot split it; the key wants it decoded.
        payments.MapPost("/{paymentKey}/cancel", (string paymentKey, HttpRequest request, CancellationToken cancellationToken) =>
            CancelAsync(simulator, paymentKey.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase), request, cancellationToken));
        payments.MapGet("/orders/{orderId}", (string orderId, CancellationToken cancellationToken) =>
            FindByOrderAsync(simulator, orderId, cancellationToken));
        return payments;
    }

    private static async Task<PaymentAnswer> FindByOrderAsync(PaymentSimulator simulator, string orderId, CancellationToken cancellationToken)
    {
        var lookup = await simulator.FindByOrderAsync(orderId, cancellationToken);
        return lookup.Status switch
        {
            PaymentLookupStatus.Approved or PaymentLookupStatus.Canceled when simulator.FindPayment(lookup.PaymentKey!) is { } payment =>
                Payment(new PaymentResponse(
                    payment.PaymentKey,
                    payment.OrderId,
                    payment.IsCanceled ? PaymentResponse.Canceled : PaymentResponse.Done,
                    payment.Amount.Amount,
                    payment.TransactionId)),
            PaymentLookupStatus.NotFound => Error(StatusCodes.Status404NotFound, PaymentGatewayCodes.NotFoundPayment, lookup.Message ?? ""),
            _ => Error(StatusCodes.Status503ServiceUnavailable, lookup.Code ?? PaymentGatewayCodes.ProviderBusy, lookup.Message ?? ""),
        };
    }

    private static async Task<PaymentAnswer> ConfirmAsync(PaymentSimulator simulator, HttpRequest request, CancellationToken cancellationToken)
    {
        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        var body = await ReadAsync(request, PaymentGatewayJsonContext.Default.ConfirmPaymentRequest, cancellationToken);
        if (string.IsNullOrWhiteSpace(idempotencyKey)
            || string.IsNullOrWhiteSpace(body?.PaymentKey)
            || string.IsNullOrWhiteSpace(body.OrderId)
            || body.Amount <= 0)
        {
            return InvalidRequest("An Idempotency-Key header and a JSON body with paymentKey, orderId and a positive amount are required.");
        }

        var result = await simulator.ConfirmAsync(
            new PaymentConfirmation(body.PaymentKey, body.OrderId, Money.Krw(body.Amount), idempotencyKey), cancellationToken);
        if (result.Kind != GatewayResultKind.Approved)
        {
            return Error(result);
        }

        return Payment(new PaymentResponse(body.PaymentKey, body.OrderId, PaymentResponse.Done, body.Amount, result.TransactionId));
    }

    private static async Task<PaymentAnswer> CancelAsync(PaymentSimulator simulator, string paymentKey, HttpRequest request, CancellationToken cancellationToken)
    {
        var idempotencyKey = request.Headers[IdempotencyKeyHeader].ToString();
        var body = await ReadAsync(request, PaymentGatewayJsonContext.Default.CancelPaymentRequest, cancellationToken);
        if (string.IsNullOrWhiteSpace(idempotencyKey) || string.IsNullOrWhiteSpace(body?.CancelReason))
        {
            return InvalidRequest("An Idempotency-Key header and a JSON body with cancelReason are required.");
        }

        var result = await simulator.CancelAsync(new PaymentCancellation(paymentKey, body.CancelReason, idempotencyKey), cancellationToken);
        if (result.Kind != GatewayResultKind.Approved)
        {
            return Error(result);
        }

        var payment = simulator.FindPayment(paymentKey)!;
        return Payment(new PaymentResponse(paymentKey, payment.OrderId, PaymentResponse.Canceled, payment.Amount.Amount, result.TransactionId));
    }

    private static bool IsAuthorized(HttpRequest request, byte[] credentials)
    {
        const string Scheme = "Basic ";
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()), credentials);
    }

    private static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await request.ReadFromJsonAsync(typeInfo, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonHttpResult<PaymentResponse> Payment(PaymentResponse payment) =>
        TypedResults.Json(payment, PaymentGatewayJsonContext.Default.PaymentResponse);

    private static JsonHttpResult<PaymentErrorResponse> InvalidRequest(string message) =>
        Error(StatusCodes.Status400BadRequest, PaymentGatewayCodes.InvalidRequest, message);

    private static JsonHttpResult<PaymentErrorResponse> Error(GatewayResult result)
    {
        var status = result switch
        {
            { Kind: GatewayResultKind.TransientFailure } => StatusCodes.Status503ServiceUnavailable,

            // Toss answers 403 when the card company refuses, for a limit or a balance.
            { Kind: GatewayResultKind.Declined, Code: PaymentGatewayCodes.RejectCardPayment or PaymentGatewayCodes.NotEnoughBalance } => StatusCodes.Status403Forbidden,
            { Kind: GatewayResultKind.Declined } => StatusCodes.Status400BadRequest,
            { Code: PaymentGatewayCodes.NotFoundPayment } => StatusCodes.Status404NotFound,
            { Code: PaymentGatewayCodes.IdempotencyKeyReused } => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status500InternalServerError,
        };
        return Error(status, result.Code ?? PaymentGatewayCodes.FailedInternalSystemProcessing, result.Message ?? "");
    }

    private static JsonHttpResult<PaymentErrorResponse> Error(int status, string code, string message) =>
        TypedResults.Json(new PaymentErrorResponse(code, message), PaymentGatewayJsonContext.Default.PaymentErrorResponse, statusCode: status);
}
