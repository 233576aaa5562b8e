using System.Diagnostics.Metrics;
using RunRun.Actors.Diagnostics;

namespace RunRun.Actors.EventSourcing;

/// <summary>Counts journal writes and events so batch sizes can be reported and exported.</summary>
public sealed class JournalMetrics : IDisposable
{
    /// <summary>Upper bounds of the batch-size buckets (events per write); larger writes count only in the total.</summary>
    public static readonly IReadOnlyList<int> BatchSizeBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly Meter _meter;
    private readonly Histogram<int> _batchSize;

    private readonly BucketCounts _bucketWrites = new([.. BatchSizeBounds.Select(bound => (double)bound)]);
    private long _batches;
    private long _events;

    public JournalMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create("RunRun.Actors") ?? new Meter("RunRun.Actors");
        _batchSize = _meter.CreateHistogram<int>("runrun.journal.batch_size", "{event}", "Events per journal write");
    }

    public long Batches => Interlocked.Read(ref _batches);

    public long Events => Interlocked.Read(ref _events);

    public double AverageBatchSize => Batches == 0 ? 0 : (double)Events / Batches;

    /// <summary>Writes of at most <see cref="BatchSizeBounds"/>[<paramref name="bucket"/>] events, as a Prometheus bucket counts them.</summary>
    public long BatchesAtMost(int bucket) => _bucketWrites.CountAtMost(bucket);

    public void Dispose() => _meter.Dispose();

    internal void RecordBatch(int events)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, events);
        _bucketWrites.Record(events);
        _batchSize.Record(events);
    }
}
