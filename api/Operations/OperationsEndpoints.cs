using System.Globalization;
using System.Text;
using RunRun.Actors;
using RunRun.Actors.EventSourcing;
using RunRun.Actors.Hosting;
using RunRun.Api.Infrastructure;
using RunRun.Sales.Operations;
using RunRun.Sales.Products;
using RunRun.Sales.Stock;

namespace RunRun.Api.Operations;

/// <summary>/healthz, /readyz and /metrics.</summary>
internal static partial class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).WithTags("Operations").WithName("Health")
            .WithSummary("200 while the process runs.");
        routes.MapGet("/readyz", ReadyAsync).WithTags("Operations").WithName("Ready")
            .WithSummary("200 when the silo answers and storage takes a write.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").ProducesProblems(ProblemCodes.Unavailable);
        routes.MapGet("/metrics", MetricsAsync).WithTags("Operations").WithName("Metrics")
            .WithSummary("Prometheus text format.");
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IGrainFactory grains, TimeProvider timeProvider, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IReadinessGrain>("readiness").Probe().WaitAsync(TimeSpan.FromSeconds(5), timeProvider, cancellationToken);
            return TypedResults.Text("ready");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotReady(loggers.CreateLogger("RunRun.Api.Readiness"), exception);
            return ApiProblem.Create(ProblemCodes.Unavailable, "Not ready.",
                "The silo did not answer or storage refused a write.", TimeSpan.FromSeconds(5));
        }
    }

    private static async Task<IResult> MetricsAsync(ApiMetrics metrics, IGrainFactory grains, IServiceProvider services)
    {
        var text = new StringBuilder();
        var requests = metrics.Requests.ToList();
        Header(text, "runrun_http_requests_total", "counter", "HTTP requests by route, method and status.");
        foreach (var (route, method, status, count) in requests)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_http_requests_total{{route=\"{Escape(route)}\",method=\"{method}\",status=\"{status}\"}} {count}\n");
        }

        Header(text, "runrun_http_request_duration_seconds", "histogram", "HTTP request latency by route.");
        foreach (var (route, histogram) in metrics.Latency)
        {
            var label = Escape(route);
            for (var i = 0; i < ApiMetrics.LatencyBuckets.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"runrun_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"{ApiMetrics.LatencyBuckets[i]}\"}} {histogram.CountAtMost(i)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"runrun_http_request_duration_seconds_bucket{{route=\"{label}\",le=\"+Inf\"}} {histogram.Count}\n");
            text.Append(CultureInfo.InvariantCulture, $"runrun_http_request_duration_seconds_sum{{route=\"{label}\"}} {histogram.Sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"runrun_http_request_duration_seconds_count{{route=\"{label}\"}} {histogram.Count}\n");
        }

        Header(text, "runrun_reservations_total", "counter", "Order lines by reservation outcome (reserved, or the problem code).");
        foreach (var (outcome, count) in metrics.Reservations)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_reservations_total{{outcome=\"{Escape(outcome)}\"}} {count}\n");
        }

        await AppendBreakersAsync(text, grains);
        if (services.GetService<SiloStatistics>() is { } silo)
        {
            Single(text, "runrun_active_grains", "gauge", "Grain activations in the co-hosted silo.", silo.ActiveGrains);
            Header(text, "runrun_active_grains_by_type", "gauge", "Grain activations in the co-hosted silo, by grain type.");
            foreach (var (type, count) in silo.ActiveGrainsByType())
            {
                text.Append(CultureInfo.InvariantCulture, $"runrun_active_grains_by_type{{type=\"{Escape(type)}\"}} {count}\n");
            }
            AppendJournalBatches(text, silo.Journal);
        }

        StorageMetricsText.Append(text, services);

        AppendRuntime(text);
        return TypedResults.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
    }

    /// <summary>Events per journal write: how well group commit batches a hot grain's events.</summary>
    private static void AppendJournalBatches(StringBuilder text, JournalMetrics journal)
    {
        // Buckets are capped at the count read first, so a write recorded meanwhile never lifts one above +Inf.
        var (batches, events) = (journal.Batches, journal.Events);
        Header(text, "runrun_journal_batch_size", "histogram", "Events per journal write (group commit).");
        for (var i = 0; i < JournalMetrics.BatchSizeBounds.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"runrun_journal_batch_size_bucket{{le=\"{JournalMetrics.BatchSizeBounds[i]}\"}} {Math.Min(journal.BatchesAtMost(i), batches)}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"runrun_journal_batch_size_bucket{{le=\"+Inf\"}} {batches}\n");
        text.Append(CultureInfo.InvariantCulture, $"runrun_journal_batch_size_sum {events}\n");
        text.Append(CultureInfo.InvariantCulture, $"runrun_journal_batch_size_count {batches}\n");
    }

    /// <summary>The runtime's own health: a stalled flash sale is often a GC pause or a starved thread pool, not RunRun's code.</summary>
    private static void AppendRuntime(StringBuilder text)
    {
        Header(text, "dotnet_gc_collections_total", "counter", "Garbage collections by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            text.Append(CultureInfo.InvariantCulture, $"dotnet_gc_collections_total{{generation=\"{generation}\"}} {GC.CollectionCount(generation)}\n");
        }

        Single(text, "dotnet_gc_pause_seconds_total", "counter", "Time the runtime was paused for garbage collection.", GC.GetTotalPauseDuration().TotalSeconds);
        Single(text, "dotnet_gc_heap_bytes", "gauge", "Bytes on the managed heap: live objects and garbage not yet collected.", GC.GetTotalMemory(forceFullCollection: false));
        Single(text, "dotnet_threadpool_threads", "gauge", "Thread pool threads.", ThreadPool.ThreadCount);
        Single(text, "dotnet_threadpool_queue_length", "gauge", "Work items waiting for a thread pool thread.", ThreadPool.PendingWorkItemCount);
    }

    /// <summary>
    /// The breakers of the products on the breaker board (those that opened), read from their stock
    /// grains: a scrape costs one call per tripped product, not one per product. A breaker found
    /// closed is reported as 0 once and then forgotten; a product never tripped has no series.
    /// </summary>
    private static async Task AppendBreakersAsync(StringBuilder text, IGrainFactory grains)
    {
        Header(text, "runrun_breaker_state", "gauge", "The stock breaker of each product that tripped: 0 closed (again), 1 half-open, 2 open.");
        var board = grains.GetGrain<IBreakerBoardGrain>(IBreakerBoardGrain.Key);
        var tripped = await board.GetTripped();
        var snapshots = await Task.WhenAll(tripped.Select(trip => grains.GetGrain<IStockGrain>(trip.ProductId).GetSnapshot()));
        for (var i = 0; i < snapshots.Length; i++)
        {
            var snapshot = snapshots[i];
            var state = snapshot.Breaker switch
            {
                BreakerState.Closed => 0,
                BreakerState.HalfOpen => 1,
                _ => 2,
            };
            text.Append(CultureInfo.InvariantCulture, $"runrun_breaker_state{{product=\"{Escape(snapshot.ProductId)}\"}} {state}\n");
            if (state == 0)
            {
                await board.Forget(snapshot.ProductId, tripped[i].Trip);
            }
        }
    }

    /// <summary>A family with one unlabelled sample.</summary>
    private static void Single(StringBuilder text, string name, string type, string help, double value)
    {
        Header(text, name, type, help);
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }

    internal static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    internal static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "Readiness probe failed")]
    private static partial void LogNotReady(ILogger logger, Exception exception);
}
