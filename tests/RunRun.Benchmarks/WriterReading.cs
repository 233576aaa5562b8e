using System.Diagnostics;
using RunRun.Actors.AdoNet;

namespace RunRun.Benchmarks;

/// <summary>
/// The storage writer's figures at one moment. Two readings say how busy the one writer loop was
/// between them: near 100 %, storage bounds the round; well below, something else does.
/// </summary>
internal readonly record struct WriterReading(long At, long Transactions, long Writes, TimeSpan Statements, TimeSpan Commits)
{
    public static WriterReading Of(WriterMetrics writer) =>
        new(Stopwatch.GetTimestamp(), writer.Transactions, writer.Writes, writer.StatementTime, writer.CommitTime);

    public string Since(WriterReading before)
    {
        // The span between the readings, not the round's nominal length: the last calls finish after it.
        var span = Stopwatch.GetElapsedTime(before.At, At);
        var transactions = Math.Max(1, Transactions - before.Transactions);
        var (statements, commits) = (Statements - before.Statements, Commits - before.Commits);
        return $"storage writer busy {(statements + commits) / span:P0} of the round (statements {statements / span:P0}, commits {commits / span:P0}); "
            + $"{(Writes - before.Writes) / (double)transactions:N1} writes per transaction, {commits.TotalMicroseconds / transactions:N0} µs per commit";
    }
}
