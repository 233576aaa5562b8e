using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RunRun.Sales.Hosting;

namespace RunRun.Sales.Payments;

/// <summary>
/// Gateway calls under retry (exponential backoff with jitter, on transient faults) and a timeout per
/// attempt. One per silo: a Polly pipeline without a breaker keeps no state between calls, and
/// building one per payment activation cost about 5 µs of every checkout (options validation,
/// strategy objects). Look-ups go through here too, so both kinds of call fail alike.
/// </summary>
internal sealed class GatewayPipeline(IOptions<PaymentOptions> options, TimeProvider timeProvider)
{
    private const string TimeoutCode = "payment_timeout";
    private const string TimeoutMessage = "The payment system did not answer in time.";

    private readonly ResiliencePipeline<GatewayResult> _pipeline = Build(options.Value, timeProvider);
    private readonly TimeSpan _attemptTimeout = options.Value.AttemptTimeout;

    /// <summary>Calls the gateway; what is still failing after the retries is a system failure.</summary>
    public async Task<GatewayResult> CallAsync(Func<CancellationToken, Task<GatewayResult>> call)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(static async (call, ct) => await call(ct), call, CancellationToken.None);
            return result.Kind == GatewayResultKind.TransientFailure
                ? result with { Kind = GatewayResultKind.Failed, Message = result.Message ?? "The payment system stayed unavailable." }
                : result;
        }
        catch (TimeoutRejectedException)
        {
            return new GatewayResult(GatewayResultKind.Failed, Code: TimeoutCode, Message: TimeoutMessage);
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

    /// <summary>One look-up under the attempt timeout and without retries: the caller's next look (the order's deadline, a reminder) is the retry.</summary>
    public async Task<PaymentLookup> LookupAsync(Func<CancellationToken, Task<PaymentLookup>> lookup)
    {
        using var timeout = new CancellationTokenSource(_attemptTimeout, timeProvider);
        try
        {
            return await lookup(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new PaymentLookup(PaymentLookupStatus.Failed, Code: TimeoutCode, Message: TimeoutMessage);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return new PaymentLookup(PaymentLookupStatus.Failed, Code: "payment_failed", Message: exception.Message);
        }
    }

    private static ResiliencePipeline<GatewayResult> Build(PaymentOptions options, TimeProvider timeProvider)
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
}
