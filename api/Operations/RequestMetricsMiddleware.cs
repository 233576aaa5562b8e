using Microsoft.AspNetCore.Diagnostics;

namespace RunRun.Api.Operations;

/// <summary>Counts every request by its route template (not its raw path, which would grow without bound) and status.</summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, ApiMetrics metrics, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            // The exception handler clears the endpoint before it writes its problem; it keeps the one that failed.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var method = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) ? context.Request.Method : "OTHER";
            metrics.RecordRequest(route, method, context.Response.StatusCode, timeProvider.GetElapsedTime(started));
        }
    }
}
