using System.Diagnostics.Metrics;

namespace RunRun.Actors.EventSourcing;

/// <summary>Counts journal writes and events so batch sizes can be reported and exported.</summary>
public sealed class JournalMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Histogram<int> _batchSize;
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

    public void Dispose() => _meter.Dispose();

    internal void RecordBatch(int events)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, events);
        _batchSize.Record(events);
    }
}
