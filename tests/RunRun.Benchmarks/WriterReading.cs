using RunRun.Actors.AdoNet;

namespace RunRun.Benchmarks;

/// <summary>
/// The storage writer's figures at one moment. Two readings a round apart say how busy the one
/// writer loop was: near 100 %, storage bounds the round; well below, something else does.
/// </summary>
internal readonly record struct WriterReading(long Transactions, long Writes, TimeSpan Statements, TimeSpan Commits)
{
    public static WriterReading Of(WriterMetrics? writer) => writer is null
        ? default
        : new WriterReading(writer.Transactions, writer.Writes, writer.StatementTime, writer.CommitTime);

    public string Since(WriterReading before, TimeSpan round)
    {
        var transactions = Math.Max(1, Transactions - before.Transactions);
        var (statements, commits) = (Statements - before.Statements, Commits - before.Commits);
        return $"storage writer busy {(statements + commits) / round:P0} of the round (statements {statements / round:P0}, commits {commits / round:P0}); "
            + $"{(Writes - before.Writes) / (double)transactions:N1} writes per transaction, {commits.TotalMicroseconds / transactions:N0} µs per commit";
    }
}
