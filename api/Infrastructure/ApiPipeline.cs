using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RunRun.Api.Accounts;
using RunRun.Api.Operations;
using RunRun.Api.Orders;
using RunRun.Api.Products;

namespace RunRun.Api.Infrastructure;

/// <summary>The middleware order and the endpoints.</summary>
internal static partial class ApiPipeline
{
    public static WebApplication UseRunRunApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        // Outermost, so it sees the status the exception handler finally wrote.
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<ConcurrencyGuard>(options.MaxConcurrentRequests);
        app.UseMiddleware<BodySizeLimit>(options.MaxRequestBodyBytes);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AccountRateLimiting>();

        app.MapAccounts();
        app.MapProducts();
        app.MapOrders();
        app.MapOperations();
        app.MapOpenApi();
        // A branch of its own: the UI's middleware would otherwise look at every request on its way to the endpoints.
        app.Map("/docs", docs => docs.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "RunRun v1");
            ui.RoutePrefix = string.Empty;
            ui.DocumentTitle = "RunRun API";
        }));

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
        return app;
    }

    private static void AnnounceAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            LogListening(app.Logger, address);
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "RunRun is listening on {Address} (docs: {Address}/docs). Sign up with POST {Address}/api/accounts, then get a token with POST {Address}/api/auth/token and send it as 'Authorization: Bearer <token>'")]
    private static partial void LogListening(ILogger logger, string address);
}
