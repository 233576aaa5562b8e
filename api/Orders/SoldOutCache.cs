using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RunRun.Actors;
using RunRun.Api.Infrastructure;
using RunRun.Sales.Stock;

namespace RunRun.Api.Orders;

/// <summary>
/// Products this process has seen sell out. While a product is here, orders for it are answered
/// sold_out without a grain call. A background loop asks each one's stock grain again every
/// <see cref="ApiOptions.SoldOutRecheckPeriod"/> (one second by default) and forgets the products
/// that have stock again, so another replica's restock shows within that period; a restock through
/// this process clears the flag at once.
/// </summary>
internal sealed partial class SoldOutCache(
    IGrainFactory grains,
    IOptions<ApiOptions> options,
    TimeProvider timeProvider,
    ILogger<SoldOutCache> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _soldOut = new(StringComparer.Ordinal);

    public bool IsSoldOut(string productId) => _soldOut.ContainsKey(productId);

    public void MarkSoldOut(string productId) => _soldOut.TryAdd(productId, 0);

    public void Forget(string productId) => _soldOut.TryRemove(productId, out _);

    /// <summary>Checks every remembered product once; public so tests can run a pass without waiting.</summary>
    public async Task RecheckAsync(CancellationToken cancellationToken)
    {
        foreach (var productId in _soldOut.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var snapshot = await grains.GetGrain<IStockGrain>(productId).GetSnapshot();
                if (snapshot.Available > 0)
                {
                    Forget(productId);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Unknown is not "in stock": keep answering sold out and ask again next time.
                LogRecheckFailed(logger, exception, productId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.SoldOutRecheckPeriod;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, timeProvider, stoppingToken);
                await RecheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not check whether {ProductId} has stock again")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string productId);
}
