using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunRun.Sales.Payments.Gateways;

/// <summary>
/// Confirms, cancels and looks up payments over a Toss-Payments-style HTTP contract (served for tests by
/// <see cref="PaymentSimulatorEndpoints"/>). It sends the idempotency key and never retries: the
/// payment grain owns retries, so one call here is one attempt. Network errors and timeouts are
/// transient, because the idempotency key makes a retry safe even if the provider did charge.
/// The per-call timeout runs on the silo's <see cref="TimeProvider"/>, like every other timeout.
/// </summary>
public sealed class HttpPaymentGateway : IPaymentGateway
{
    /// <summary>The name of the <see cref="HttpClient"/> this gateway takes from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "RunRun.Payments.Http";

    private const string IdempotencyKeyHeader = "Idempotency-Key";
    /// <summary>The one currency the contract charges.</summary>
    public const string ContractCurrency = "KRW";

    private readonly IHttpClientFactory _clientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<HttpPaymentGateway> _logger;
    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly AuthenticationHeaderValue _authorization;

    public HttpPaymentGateway(
        IHttpClientFactory clientFactory,
        IOptions<HttpPaymentGatewayOptions> options,
        TimeProvider timeProvider,
        ILogger<HttpPaymentGateway> logger)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        _clientFactory = clientFactory;
        _timeProvider = timeProvider;
        _logger = logger;
        _timeout = settings.Timeout;

        // Without a trailing slash the base address's last segment would be replaced, not extended.
        var baseAddress = settings.BaseAddress
            ?? throw new ArgumentException($"{HttpPaymentGatewayOptions.SectionName}:BaseAddress must be set.", nameof(options));
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.SecretKey + ":")));
    }

    public Task<GatewayResult> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentException.ThrowIfNullOrWhiteSpace(confirmation.IdempotencyKey, nameof(confirmation));
        if (!string.Equals(confirmation.Amount.Currency, ContractCurrency, StringComparison.Ordinal))
        {
            return Task.FromResult(new GatewayResult(
                GatewayResultKind.Failed,
                Code: PaymentGatewayCodes.UnsupportedCurrency,
                Message: $"The payment contract charges {ContractCurrency} only (was {confirmation.Amount.Currency})."));
        }

        var body = new ConfirmPaymentRequest(confirmation.PaymentKey, confirmation.OrderId, confirmation.Amount.Amount);
        return SendAsync(
            PaymentOperation.Confirm,
            confirmation.PaymentKey,
            new Uri(_baseAddress, "v1/payments/confirm"),
            JsonContent.Create(body, PaymentGatewayJsonContext.Default.ConfirmPaymentRequest),
            confirmation.IdempotencyKey,
            cancellationToken);
    }

    public Task<GatewayResult> CancelAsync(PaymentCancellation cancellation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        ArgumentException.ThrowIfNullOrEmpty(cancellation.PaymentKey, nameof(cancellation));
        ArgumentException.ThrowIfNullOrWhiteSpace(cancellation.IdempotencyKey, nameof(cancellation));
        return SendAsync(
            PaymentOperation.Cancel,
            cancellation.PaymentKey,
            new Uri(_baseAddress, $"v1/payments/{Uri.EscapeDataString(cancellation.PaymentKey)}/cancel"),
            JsonContent.Create(new CancelPaymentRequest(cancellation.Reason), PaymentGatewayJsonContext.Default.CancelPaymentRequest),
            cancellation.IdempotencyKey,
            cancellationToken);
    }

    public async Task<PaymentLookup> FindByOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        using var request = Request(HttpMethod.Get, new Uri(_baseAddress, $"v1/payments/orders/{Uri.EscapeDataString(orderId)}"));
        return await ExchangeAsync(
            request,
            ReadLookupAsync,
            () => new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.GatewayTimeout, Message: $"The payment provider did not answer within {_timeout}."),
            exception => new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.NetworkError, Message: exception.Message),
            cancellationToken);
    }

    private static async Task<PaymentLookup> ReadLookupAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.IsSuccessStatusCode)
            {
                return LookupOf(await response.Content.ReadFromJsonAsync(PaymentGatewayJsonContext.Default.PaymentResponse, cancellationToken));
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            return response.StatusCode == System.Net.HttpStatusCode.NotFound && error?.Code == PaymentGatewayCodes.NotFoundPayment
                ? new PaymentLookup(PaymentLookupStatus.NotFound, Code: error.Code, Message: error.Message)
                : new PaymentLookup(PaymentLookupStatus.Failed, Code: error?.Code ?? $"HTTP_{(int)response.StatusCode}", Message: error?.Message);
        }
        catch (JsonException exception)
        {
            // A 200 whose payment cannot be read says nothing either way: the payment stays in doubt.
            return new PaymentLookup(PaymentLookupStatus.Failed, Code: PaymentGatewayCodes.UnreadablePayment, Message: exception.Message);
        }
    }

    /// <summary>
    /// Toss's payment statuses: DONE (and PARTIAL_CANCELED) hold the shopper's money; CANCELED gave it
    /// back; ABORTED and EXPIRED never took it. Anything else (READY, IN_PROGRESS) is still undecided.
    /// </summary>
    private static PaymentLookup LookupOf(PaymentResponse? payment) => payment switch
    {
        { Status: PaymentResponse.Done or PaymentResponse.PartialCanceled, PaymentKey: { Length: > 0 } key } =>
            new PaymentLookup(PaymentLookupStatus.Approved, key, payment.TransactionKey),
        { Status: PaymentResponse.Canceled } => new PaymentLookup(PaymentLookupStatus.Canceled, payment.PaymentKey, payment.TransactionKey),
        { Status: PaymentResponse.Aborted or PaymentResponse.Expired } => new PaymentLookup(PaymentLookupStatus.NotFound, payment.PaymentKey, Code: payment.Status),
        _ => new PaymentLookup(PaymentLookupStatus.Failed, payment?.PaymentKey, Code: payment?.Status ?? PaymentGatewayCodes.UnreadablePayment, Message: "The payment is not settled yet."),
    };

    private HttpRequestMessage Request(HttpMethod method, Uri address)
    {
        var request = new HttpRequestMessage(method, address);
        request.Headers.Authorization = _authorization;
        return request;
    }

    private async Task<GatewayResult> SendAsync(
        PaymentOperation operation,
        string paymentKey,
        Uri address,
        HttpContent body,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, address);
        request.Content = body;
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);

        return await ExchangeAsync(
            request,
            (response, ct) => ReadResultAsync(operation, paymentKey, response, ct),
            () =>
            {
                PaymentGatewayLog.TimedOut(_logger, operation, paymentKey, _timeout);
                return new GatewayResult(
                    GatewayResultKind.TransientFailure,
                    Code: PaymentGatewayCodes.GatewayTimeout,
                    Message: $"The payment provider did not answer within {_timeout}.");
            },
            exception =>
            {
                PaymentGatewayLog.Unreachable(_logger, operation, paymentKey, exception);
                return new GatewayResult(GatewayResultKind.TransientFailure, Code: PaymentGatewayCodes.NetworkError, Message: exception.Message);
            },
            cancellationToken);
    }

    /// <summary>
    /// Sends under this gateway's timeout and reads the answer; a timeout or an unreachable provider is
    /// answered by <paramref name="timedOut"/> or <paramref name="unreachable"/>, not thrown. A token
    /// of our own, rather than HttpClient.Timeout, tells our timeout apart from the caller's cancellation.
    /// </summary>
    private async Task<T> ExchangeAsync<T>(
        HttpRequestMessage request,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read,
        Func<T> timedOut,
        Func<HttpRequestException, T> unreachable,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _clientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            return await read(response, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return timedOut();
        }
        catch (HttpRequestException exception)
        {
            return unreachable(exception);
        }
    }

    private async Task<GatewayResult> ReadResultAsync(PaymentOperation operation, string paymentKey, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return await ReadApprovalAsync(operation, paymentKey, response, cancellationToken);
        }

        var error = await ReadErrorAsync(response, cancellationToken);
        var result = GatewayResponseClassifier.Classify(operation, response.StatusCode, error);
        if (result.Kind == GatewayResultKind.Declined)
        {
            PaymentGatewayLog.Declined(_logger, operation, paymentKey, (int)response.StatusCode, result.Code);
        }
        else
        {
            PaymentGatewayLog.Faulted(_logger, operation, paymentKey, (int)response.StatusCode, result.Code, result.Kind);
        }

        return result;
    }

    private async Task<GatewayResult> ReadApprovalAsync(
        PaymentOperation operation, string paymentKey, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var payment = await response.Content.ReadFromJsonAsync(PaymentGatewayJsonContext.Default.PaymentResponse, cancellationToken);
            return new GatewayResult(GatewayResultKind.Approved, payment?.TransactionKey);
        }
        catch (JsonException exception)
        {
            // The provider said yes; reporting anything but Approved would hide a charge that happened.
            PaymentGatewayLog.UnreadableApproval(_logger, operation, paymentKey, exception);
            return new GatewayResult(GatewayResultKind.Approved);
        }
    }

    private static async Task<PaymentErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(PaymentGatewayJsonContext.Default.PaymentErrorResponse, cancellationToken);
        }
        catch (JsonException)
        {
            // Not the provider's JSON (a proxy's page, an empty body): the status code alone decides.
            return null;
        }
    }
}
