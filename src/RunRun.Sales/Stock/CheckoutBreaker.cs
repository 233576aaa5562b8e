using Polly;
using Polly.CircuitBreaker;
using RunRun.Sales.Hosting;

namespace RunRun.Sales.Stock;

/// <summary>
/// The stock grain's circuit breaker, on Polly.Core. Its samples are checkouts, not reservations:
/// a confirmed sale is a success; a system failure (storage, payment system, timeout) is a failure;
/// declines and sell-outs are neither. While open, reservations fail fast; once the break is over,
/// the next reservation goes through as the probe, and its success closes the breaker.
/// </summary>
internal sealed class CheckoutBreaker
{
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _timeProvider;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;

    /// <summary>Called each time the breaker opens (again, after a failed probe).</summary>
    public Action? Opened { get; set; }

    public CheckoutBreaker(StockBreakerOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                SamplingDuration = options.SamplingDuration,
                MinimumThroughput = options.MinimumThroughput,
                BreakDuration = options.BreakDuration,
                StateProvider = _state,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is CheckoutFailure),
                OnOpened = args =>
                {
                    _openUntil = _timeProvider.GetUtcNow() + args.BreakDuration;
                    Opened?.Invoke();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public BreakerState State => _state.CircuitState switch
    {
        CircuitState.Closed => BreakerState.Closed,
        CircuitState.HalfOpen => BreakerState.HalfOpen,
        // Polly moves to half-open only when the next call arrives; the break being over means a probe may go.
        _ when _timeProvider.GetUtcNow() >= _openUntil => BreakerState.HalfOpen,
        _ => BreakerState.Open,
    };

    /// <summary>How long reservations must still wait, or null when one may go ahead (normally or as the probe).</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            if (_state.CircuitState is CircuitState.Closed)
            {
                return null;
            }

            var remaining = _openUntil - _timeProvider.GetUtcNow();
            return _state.CircuitState == CircuitState.HalfOpen || remaining <= TimeSpan.Zero ? null : remaining;
        }
    }

    /// <summary>True when the breaker is not closed, so the next reservation must be the probe.</summary>
    public bool NeedsProbe => _state.CircuitState != CircuitState.Closed;

    /// <summary>
    /// Runs a reservation as the half-open probe. Returns false (without running it) when Polly refuses:
    /// another probe is under way or the break is not over.
    /// </summary>
    public async ValueTask<(bool Ran, T Result)> TryProbeAsync<T>(Func<ValueTask<T>> reservation)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(static async (work, _) =>
            {
                try
                {
                    return await work();
                }
                catch (Exception exception) when (exception is not CheckoutFailure)
                {
                    throw new CheckoutFailure(exception);
                }
            }, reservation);
            return (true, result);
        }
        catch (BrokenCircuitException)
        {
            return (false, default!);
        }
        catch (CheckoutFailure failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure.InnerException!);
            throw;
        }
    }

    public void RecordSuccess() => Record(failed: false);

    public void RecordFailure() => Record(failed: true);

    private void Record(bool failed)
    {
        try
        {
            _pipeline.Execute(static failed =>
            {
                if (failed)
                {
                    throw new CheckoutFailure(null);
                }
            }, failed);
        }
        catch (BrokenCircuitException)
        {
            // Open: outcomes of checkouts started before the break do not count.
        }
        catch (CheckoutFailure)
        {
            // Thrown only to be counted.
        }
    }

    /// <summary>Marks an outcome the breaker counts as a failure.</summary>
    private sealed class CheckoutFailure(Exception? inner) : Exception("checkout failed for a system reason", inner);
}
