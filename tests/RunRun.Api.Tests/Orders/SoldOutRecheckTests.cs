using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Actors.Testing;
using RunRun.Api.Orders;

namespace RunRun.Api.Tests.Orders;

/// <summary>The sold-out flag's own clock: stock that comes back without a restock through this process.</summary>
public sealed class SoldOutRecheckTests : IAsyncLifetime
{
    private readonly ApiHost _host = new(time: FakeClock.New());

    public Task InitializeAsync() => _host.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_AfterTheHeldOrderExpires_AcceptedWithinOneRecheckPeriod()
    {
        var seller = await _host.SignUpAsync("seller");
        var productId = await _host.CreateProductAsync(seller, stock: 1);
        await _host.OrderAsync(await _host.SignUpAsync(), (productId, 1));
        var late = await _host.SignUpAsync();
        using (var refused = await _host.PlaceOrderAsync(late, _host.Unique("k"), (productId, 1)))
        {
            await ApiHost.ProblemAsync(refused, HttpStatusCode.Conflict, "sold_out");
        }

        var cache = _host.Services.GetRequiredService<SoldOutCache>();
        cache.IsSoldOut(productId).ShouldBeTrue();

        // The deadline (10 minutes) and one reminder period, a minute at a time.
        for (var minute = 0; minute < 12; minute++)
        {
            _host.Time!.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(5);
        }

        await Eventually.TrueAsync(async () => (await _host.StockAsync(productId)).Available == 1, "the expiry gives the unit back");

        // Nobody restocked through this process: only the recheck loop, on the host's clock, can clear the flag.
        _host.Time!.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => Task.FromResult(!cache.IsSoldOut(productId)), "the next recheck sees the unit");
        await _host.OrderAsync(late, (productId, 1));
    }
}
