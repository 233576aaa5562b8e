using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Sales.Stock;

namespace RunRun.Api.Orders;

/// <summary>
/// Products this process has seen sell out. While a product is here, orders for it are answered
/// sold_out without a grain call, except the orders of shoppers who hold or held units of it: a retry
/// of a placed order is among them, and its grain must answer it with the same order (or with 422 for
/// another body); they are at most as many as the units sold. A background loop asks every product's
/// stock grain again each <see cref="ApiOptions.SoldOutRecheckPeriod"/>, all at once, and forgets the
/// ones that have stock again, so stock freed by a cancel, an expiry or another replica's restock shows
/// within that period; a restock through this process clears the flag at once.
/// </summary>
internal sealed partial class SoldOutCache(
    IGrainFactory grains,
    IOptions<ApiOptions> options,
    TimeProvider timeProvider,
    ILogger<SoldOutCache> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, StockHolders> _soldOut = new(StringComparer.Ordinal);

    public bool IsSoldOut(string productId) => _soldOut.ContainsKey(productId);

    /// <summary>True when the shopper's order is refused without a grain call: the product is sold out and the shopper holds none of it.</summary>
    public bool RefusesWithoutGrain(string productId, string shopperId) =>
        _soldOut.TryGetValue(productId, out var holders) && !holders.Shoppers!.MightContain(shopperId);

    /// <summary>
    /// Remembers a product its stock grain just answered sold out for, with the filter of the shoppers
    /// holding it. Until that filter is here every order still goes to its grain, so a retry is never
    /// refused in between; a failure only leaves the product unremembered until the next sold-out answer.
    /// </summary>
    public async Task MarkSoldOutAsync(string productId)
    {
        if (_soldOut.ContainsKey(productId))
        {
            return;
        }

        try
        {
            var holders = await grains.GetGrain<IStockGrain>(productId).GetHolders(knownVersion: -1);
            if (holders.Available == 0)
            {
                _soldOut.TryAdd(productId, holders);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMarkFailed(logger, exception, productId);
        }
    }

    public void Forget(string productId) => _soldOut.TryRemove(productId, out _);

    /// <summary>Checks every remembered product once, concurrently; public so tests can run a pass without waiting.</summary>
    public Task RecheckAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_soldOut.Select(entry => RecheckAsync(entry.Key, entry.Value, cancellationToken)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A periodic timer keeps its beat however long a pass takes, so the lag stays one period plus one call.
        using var timer = new PeriodicTimer(options.Value.SoldOutRecheckPeriod, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RecheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecheckAsync(string productId, StockHolders known, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var holders = await grains.GetGrain<IStockGrain>(productId).GetHolders(known.Version);
            if (holders.Available > 0)
            {
                // Only the entry this pass read: a newer one was put there by a fresher answer.
                _soldOut.TryRemove(new KeyValuePair<string, StockHolders>(productId, known));
            }
            else if (holders.Shoppers is not null)
            {
                _soldOut.TryUpdate(productId, holders, known);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Unknown is not "in stock": keep answering sold out and ask again next time.
            LogRecheckFailed(logger, exception, productId);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not check whether {ProductId} has stock again")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string productId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Could not read which shoppers hold {ProductId}; it is not remembered as sold out")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string productId);
}
