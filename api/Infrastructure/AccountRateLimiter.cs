using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// The per-account token bucket on order placement and payment, installed as the rate limiter
/// middleware's global limiter and applied to endpoints marked with <see cref="AccountRateLimited"/>.
/// The framework's partitioned limiter takes one process-wide lock on every request of every
/// account and runs a timer per partition; here each account's bucket has its own lock and refills
/// from the app's <see cref="TimeProvider"/> when it is asked, so tests control it too. A full
/// bucket is the same as a new one, so full buckets are dropped when the map grows large.
/// </summary>
internal sealed class AccountRateLimiter(RateLimitOptions options, TimeProvider timeProvider) : PartitionedRateLimiter<HttpContext>
{
    private const int TrimAbove = 100_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Acquire(resource, permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RateLimitLease>(Acquire(resource, permitCount));

    private Lease Acquire(HttpContext context, int permitCount)
    {
        if (permitCount == 0 || context.GetEndpoint()?.Metadata.GetMetadata<AccountRateLimited>() is null)
        {
            return Lease.Granted;
        }

        var account = CurrentActor.Of(context.User).UserId;
        var now = timeProvider.GetUtcNow();
        if (!_buckets.TryGetValue(account, out var bucket))
        {
            if (_buckets.Count >= TrimAbove)
            {
                Trim(now);
            }

            bucket = _buckets.GetOrAdd(account, static (_, start) => new Bucket(start.Tokens, start.Now), (Tokens: (double)options.BurstSize, Now: now));
        }

        return bucket.TryTake(permitCount, now, options) is { } wait ? new Lease(false, wait) : Lease.Granted;
    }

    private void Trim(DateTimeOffset now)
    {
        lock (_trimming)
        {
            foreach (var (account, bucket) in _buckets)
            {
                if (bucket.IsFull(now, options))
                {
                    _buckets.TryRemove(KeyValuePair.Create(account, bucket));
                }
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset refilledAt)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private DateTimeOffset _refilledAt = refilledAt;

        /// <summary>Takes the permits, or says how long until there are enough.</summary>
        public TimeSpan? TryTake(int permits, DateTimeOffset now, RateLimitOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                if (_tokens >= permits)
                {
                    _tokens -= permits;
                    return null;
                }

                return TimeSpan.FromSeconds((permits - _tokens) / options.PermitsPerSecond);
            }
        }

        public bool IsFull(DateTimeOffset now, RateLimitOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                return _tokens >= options.BurstSize;
            }
        }

        private void Refill(DateTimeOffset now, RateLimitOptions options)
        {
            if (now > _refilledAt)
            {
                _tokens = Math.Min(options.BurstSize, _tokens + ((now - _refilledAt).TotalSeconds * options.PermitsPerSecond));
                _refilledAt = now;
            }
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}

/// <summary>Endpoint metadata: requests to this endpoint draw on the caller's token bucket.</summary>
internal sealed class AccountRateLimited
{
    public static readonly AccountRateLimited Instance = new();

    private AccountRateLimited()
    {
    }
}

internal static class AccountRateLimitedExtensions
{
    public static TBuilder RequireAccountRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(AccountRateLimited.Instance);
}
