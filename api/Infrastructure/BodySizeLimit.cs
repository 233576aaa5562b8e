using Microsoft.AspNetCore.Http.Features;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// Refuses a body over the limit with 413 <c>payload_too_large</c>: a declared length at once, before
/// anything reads it; a body that declares none (chunked) as soon as reading it passes the limit.
/// Kestrel stops such a body itself, but the endpoint's body binding turns its refusal into a bare
/// 413 without our problem's type, title and detail; a host with no limit of its own (the test
/// server) would read the body whole. So the body is read through <see cref="LimitedRequestBody"/>,
/// and either refusal is answered with the same problem as a declared length.
/// </summary>
internal sealed class BodySizeLimit(RequestDelegate next, long maxBytes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            await TooLarge(context);
            return;
        }

        if (request.ContentLength is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        var body = new LimitedRequestBody(request.Body, maxBytes);
        request.Body = body;
        await next(context);
        if (body.Refused && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await TooLarge(context);
        }
    }

    private Task TooLarge(HttpContext context) =>
        ApiProblem.Create(ProblemCodes.PayloadTooLarge, "The request body is too large.",
            $"Bodies of at most {maxBytes} bytes are accepted.").ExecuteAsync(context);
}
