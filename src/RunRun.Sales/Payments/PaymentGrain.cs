using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RunRun.Actors;
using RunRun.Actors.Runtime;
using RunRun.Sales.Hosting;

namespace RunRun.Sales.Payments;

/// <summary>
/// One order's payment. Not reentrant, so charges for one order run one after another and the
/// second finds the first's approval: at most one approved charge per order. Gateway calls are
/// retried with exponential backoff and jitter on transient faults, each under a timeout.
/// </summary>
internal sealed class PaymentGrain(
    [PersistentState("payment")] IPersistentState<PaymentRecord> payment,
    IPaymentGateway gateway,
    IOptions<PaymentOptions> options,
    TimeProvider timeProvider) : Grain, IPaymentGrain
{
    private readonly ResiliencePipeline<GatewayResult> _pipeline = BuildPipeline(options.Value, timeProvider);

    public async Task<ChargeOutcome> Charge(ChargeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (payment.State.Approved is { } approved)
        {
            return approved;
        }

        if (request.Amount.Amount <= 0)
        {
            return new ChargeOutcome(ChargeStatus.Declined, null, "invalid_amount", "Nothing to pay.", 0);
        }

        var calls = 0;
        var result = await CallAsync(
            ct =>
            {
                calls++;
                return gateway.ConfirmAsync(new PaymentConfirmation(request.PaymentKey, request.OrderId, request.Amount, request.IdempotencyKey), ct);
            });
        payment.State.GatewayCalls += calls;
        if (result.Kind == GatewayResultKind.Declined && result.Code is "DUPLICATED_ORDER_ID" or "ALREADY_PROCESSED_PAYMENT")
        {
            // The gateway already holds a payment for this order that this grain never saw approved
            // (an earlier attempt timed out): not the shopper's fault, and not a decline to count.
            result = result with { Kind = GatewayResultKind.Failed, Code = "payment_in_doubt" };
        }

        var outcome = result.Kind switch
        {
            GatewayResultKind.Approved => new ChargeOutcome(ChargeStatus.Approved, result.TransactionId, result.Code, result.Message, calls),
            GatewayResultKind.Declined => new ChargeOutcome(ChargeStatus.Declined, null, result.Code ?? "payment_declined", result.Message, calls),
            _ => new ChargeOutcome(ChargeStatus.Failed, null, result.Code ?? "payment_failed", result.Message, calls),
        };
        if (outcome.Status == ChargeStatus.Approved)
        {
            payment.State.Approved = outcome;
            payment.State.ApprovedPaymentKey = request.PaymentKey;
        }

        await payment.WriteStateAsync();
        return outcome;
    }

    public async Task<RefundOutcome> Refund(string reason)
    {
        if (payment.State.Approved is null || payment.State.ApprovedPaymentKey is null)
        {
            return new RefundOutcome(RefundStatus.NothingToRefund, "No approved charge.");
        }

        if (payment.State.Refunded)
        {
            return new RefundOutcome(RefundStatus.Refunded, null);
        }

        var key = payment.State.ApprovedPaymentKey;
        var result = await CallAsync(ct => gateway.CancelAsync(new PaymentCancellation(key, reason, $"{this.GetPrimaryKeyString()}:refund"), ct));
        if (result.Kind != GatewayResultKind.Approved)
        {
            return new RefundOutcome(RefundStatus.Failed, result.Message ?? result.Code ?? "The refund failed.");
        }

        payment.State.Refunded = true;
        await payment.WriteStateAsync();
        return new RefundOutcome(RefundStatus.Refunded, null);
    }

    public Task<ChargeOutcome?> GetApprovedCharge() => Task.FromResult(payment.State.Approved);

    private static ResiliencePipeline<GatewayResult> BuildPipeline(PaymentOptions options, TimeProvider timeProvider)
    {
        var builder = new ResiliencePipelineBuilder<GatewayResult> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<GatewayResult>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                ShouldHandle = new PredicateBuilder<GatewayResult>()
                    .HandleResult(r => r.Kind == GatewayResultKind.TransientFailure)
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>(),
            });
        }

        return builder.AddTimeout(options.AttemptTimeout).Build();
    }

    /// <summary>Calls the gateway through retry and timeout; what is still failing after that is a system failure.</summary>
    private async Task<GatewayResult> CallAsync(Func<CancellationToken, Task<GatewayResult>> call)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(async ct => await call(ct), CancellationToken.None);
            return result.Kind == GatewayResultKind.TransientFailure
                ? result with { Kind = GatewayResultKind.Failed, Message = result.Message ?? "The payment system stayed unavailable." }
                : result;
        }
        catch (TimeoutRejectedException)
        {
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_timeout", Message: "The payment system did not answer in time.");
        }
        catch (HttpRequestException exception)
        {
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_unreachable", Message: exception.Message);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A gateway that throws where it should answer is a system failure, not a crash of the order.
            return new GatewayResult(GatewayResultKind.Failed, Code: "payment_failed", Message: exception.Message);
        }
    }
}
