using System.Diagnostics;
using RunRun.Actors.Diagnostics;

namespace RunRun.Actors.AdoNet;

/// <summary>
/// What one database's writer loop has done: transactions and writes committed, and the time it
/// spent running statements and committing. Every write of the database goes through that one
/// loop, so its busy time over a span, divided by the span, says how close storage is to its
/// ceiling: near 1, writes queue behind the loop; well below, the load is bound elsewhere.
/// </summary>
/// <remarks>Only the writer loop records; any thread may read.</remarks>
public sealed class WriterMetrics
{
    /// <summary>Upper bounds of the commit-time buckets, in seconds; a commit is mostly the disk's flush.</summary>
    public static readonly IReadOnlyList<double> CommitSecondsBounds = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

    private readonly BucketCounts _commitBuckets = new(CommitSecondsBounds);
    private long _transactions;
    private long _writes;
    private long _statementTicks;
    private long _commitTicks;

    /// <summary>Transactions committed.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes committed (conflicts and failures are not counted).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Time spent running the statements of batches, including batches later rolled back.</summary>
    public TimeSpan StatementTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _statementTicks));

    /// <summary>
    /// Time spent committing the transactions that committed: the commit-time histogram's sum. A
    /// failed commit fails its whole batch and is rare enough not to need counting.
    /// </summary>
    public TimeSpan CommitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _commitTicks));

    /// <summary>Committed transactions whose commit took at most <see cref="CommitSecondsBounds"/>[<paramref name="bucket"/>], as a Prometheus bucket counts them.</summary>
    public long CommitsAtMost(int bucket) => _commitBuckets.CountAtMost(bucket);

    internal void RecordStatements(long elapsedTicks) => Interlocked.Add(ref _statementTicks, elapsedTicks);

    internal void RecordCommit(long elapsedTicks, int writes)
    {
        Interlocked.Add(ref _commitTicks, elapsedTicks);
        _commitBuckets.Record(elapsedTicks / (double)Stopwatch.Frequency);
        Interlocked.Add(ref _writes, writes);

        // Last, so a reader that sees this transaction also sees its writes and its bucket.
        Interlocked.Increment(ref _transactions);
    }
}
