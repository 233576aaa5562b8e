using System.Collections.Concurrent;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// The per-account token bucket on order placement and payment. The framework's partitioned limiter
/// takes one process-wide lock on every request of every account and runs a timer per partition,
/// and its middleware wraps every request; here each account's bucket has its own lock and refills
/// from the app's <see cref="TimeProvider"/> when it is asked, so tests control it too, and
/// <see cref="AccountRateLimiting"/> asks only on the endpoints marked with
/// <see cref="AccountRateLimited"/>. A full bucket is the same as a new one, so full buckets are
/// dropped when the map grows large.
/// </summary>
internal sealed class AccountRateLimiter(RateLimitOptions options, TimeProvider timeProvider)
{
    private const int TrimAbove = 100_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();

    /// <summary>Takes one permit from <paramref name="account"/>'s bucket; null when granted, else how long until one is there.</summary>
    public TimeSpan? TryAcquire(string account)
    {
        var now = timeProvider.GetUtcNow();
        if (!_buckets.TryGetValue(account, out var bucket))
        {
            if (_buckets.Count >= TrimAbove)
            {
                Trim(now);
            }

            bucket = _buckets.GetOrAdd(account, static (_, start) => new Bucket(start.Tokens, start.Now), (Tokens: (double)options.BurstSize, Now: now));
        }

        return bucket.TryTake(now, options);
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

        /// <summary>Takes a permit, or says how long until there is one.</summary>
        public TimeSpan? TryTake(DateTimeOffset now, RateLimitOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }

                return TimeSpan.FromSeconds((1 - _tokens) / options.PermitsPerSecond);
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
