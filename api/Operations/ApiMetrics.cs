using System.Collections.Concurrent;
using RunRun.Actors.Diagnostics;

namespace RunRun.Api.Operations;

/// <summary>
/// What /metrics reports from this process: requests by route and status, their latency, and
/// reservations by outcome. Plain counters: the Prometheus text is written straight from them.
/// </summary>
internal sealed class ApiMetrics
{
    /// <summary>Upper bounds of the latency histogram, in seconds.</summary>
    public static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Route, string Method, int Status), Counter> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _reservations = new(StringComparer.Ordinal);

    public void RecordRequest(string route, string method, int status, TimeSpan elapsed)
    {
        _requests.GetOrAdd((route, method, status), static _ => new Counter()).Add(1);
        _latency.GetOrAdd(route, static _ => new Histogram()).Record(elapsed.TotalSeconds);
    }

    /// <summary>One order line's outcome: "reserved", or the rejection's problem code.</summary>
    public void RecordReservations(string outcome, int lines = 1) =>
        _reservations.GetOrAdd(outcome, static _ => new Counter()).Add(lines);

    public IEnumerable<(string Route, string Method, int Status, long Count)> Requests =>
        _requests.Select(pair => (pair.Key.Route, pair.Key.Method, pair.Key.Status, pair.Value.Value));

    public IEnumerable<(string Route, Histogram Histogram)> Latency =>
        _latency.Select(pair => (pair.Key, pair.Value));

    public IEnumerable<(string Outcome, long Count)> Reservations =>
        _reservations.Select(pair => (pair.Key, pair.Value.Value));

    internal sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long amount) => Interlocked.Add(ref _value, amount);
    }

    /// <summary>Latencies by bucket (filled without a lock), with their count and sum.</summary>
    internal sealed class Histogram
    {
        private readonly BucketCounts _buckets = new(LatencyBuckets);
        private long _count;
        private long _sumMicroseconds;

        public long Count => Interlocked.Read(ref _count);

        public double Sum => Interlocked.Read(ref _sumMicroseconds) / 1_000_000.0;

        /// <summary>Requests no slower than bucket <paramref name="bucket"/>'s bound, cumulative.</summary>
        public long CountAtMost(int bucket) => _buckets.CountAtMost(bucket);

        public void Record(double seconds)
        {
            _buckets.Record(seconds);
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1_000_000));
        }
    }
}
