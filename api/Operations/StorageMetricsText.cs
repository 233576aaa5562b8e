using System.Globalization;
using System.Text;
using RunRun.Actors.AdoNet;
using RunRun.Actors.Hosting;

namespace RunRun.Api.Operations;

/// <summary>
/// The /metrics families of the co-hosted silo's storage writers, one series per database: what
/// each committed, and the time its one writer loop spent. The two busy-time series summed, as a
/// rate, say how close storage is to its ceiling (1 is one writer busy all the time).
/// </summary>
internal static class StorageMetricsText
{
    public static void Append(StringBuilder text, IServiceProvider services)
    {
        // Every provider on one file shares its database, which is registered once per provider.
        var databases = services.GetServices<ISiloLifecycleParticipant>().OfType<AdoNetDatabase>().Distinct().ToList();
        if (databases.Count == 0)
        {
            return;
        }

        var samples = databases.Select(database => (Label: OperationsEndpoints.Escape(database.DisplayName), Sample: Sample.Of(database.Writer))).ToList();
        OperationsEndpoints.Header(text, "runrun_storage_transactions_total", "counter", "Transactions committed by the storage writer, by database.");
        foreach (var (label, sample) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_transactions_total{{database=\"{label}\"}} {sample.Transactions}\n");
        }

        OperationsEndpoints.Header(text, "runrun_storage_writes_total", "counter", "Writes committed (state, journal, reminder), by database.");
        foreach (var (label, sample) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_writes_total{{database=\"{label}\"}} {sample.Writes}\n");
        }

        OperationsEndpoints.Header(text, "runrun_storage_busy_seconds_total", "counter", "Time the storage writer spent running statements or committing, by database.");
        foreach (var (label, sample) in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_busy_seconds_total{{database=\"{label}\",phase=\"statements\"}} {sample.StatementSeconds}\n");
            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_busy_seconds_total{{database=\"{label}\",phase=\"commit\"}} {sample.CommitSeconds}\n");
        }

        OperationsEndpoints.Header(text, "runrun_storage_commit_duration_seconds", "histogram", "Time each committed transaction took to commit, by database.");
        foreach (var (label, sample) in samples)
        {
            for (var i = 0; i < WriterMetrics.CommitSecondsBounds.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"runrun_storage_commit_duration_seconds_bucket{{database=\"{label}\",le=\"{WriterMetrics.CommitSecondsBounds[i]}\"}} {sample.Buckets[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_commit_duration_seconds_bucket{{database=\"{label}\",le=\"+Inf\"}} {sample.Transactions}\n");

            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_commit_duration_seconds_sum{{database=\"{label}\"}} {sample.CommitSeconds}\n");
            text.Append(CultureInfo.InvariantCulture, $"runrun_storage_commit_duration_seconds_count{{database=\"{label}\"}} {sample.Transactions}\n");
        }
    }

    /// <summary>One database's figures, read once so every family of a scrape tells the same story.</summary>
    private sealed record Sample(long Transactions, long Writes, double StatementSeconds, double CommitSeconds, long[] Buckets)
    {
        public static Sample Of(WriterMetrics writer)
        {
            // Buckets are capped at the count read first, so a commit recorded meanwhile never lifts one above +Inf.
            var transactions = writer.Transactions;
            var buckets = new long[WriterMetrics.CommitSecondsBounds.Count];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = Math.Min(writer.CommitsAtMost(i), transactions);
            }

            return new Sample(transactions, writer.Writes, writer.StatementTime.TotalSeconds, writer.CommitTime.TotalSeconds, buckets);
        }
    }
}
