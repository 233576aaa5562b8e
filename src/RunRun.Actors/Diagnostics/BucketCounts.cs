namespace RunRun.Actors.Diagnostics;

/// <summary>
/// Counts of values by upper bound, filled without a lock, for a Prometheus histogram. A value
/// bumps only its own bucket; the cumulative counts a scrape wants are summed when read, off the
/// recording path. A value above every bound counts in no bucket, only in the caller's total.
/// </summary>
public sealed class BucketCounts
{
    private readonly IReadOnlyList<double> _bounds;
    private readonly long[] _counts;

    /// <param name="bounds">The buckets' upper bounds, ascending.</param>
    public BucketCounts(IReadOnlyList<double> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        _bounds = bounds;
        _counts = new long[bounds.Count];
    }

    public void Record(double value)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            if (value <= _bounds[i])
            {
                Interlocked.Increment(ref _counts[i]);
                return;
            }
        }
    }

    /// <summary>Values no larger than bound <paramref name="bucket"/>, as a Prometheus bucket counts them.</summary>
    public long CountAtMost(int bucket)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bucket, _counts.Length);
        var total = 0L;
        for (var i = 0; i <= bucket; i++)
        {
            total += Interlocked.Read(ref _counts[i]);
        }

        return total;
    }
}
