using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using RunRun.Api.Infrastructure;
using RunRun.Api.Orders;
using RunRun.Sales.Orders;
using RunRun.Sales.Stock;

namespace RunRun.Api.Tests.Infrastructure;

/// <summary>ApiProblem writes its JSON itself; clients must not be able to tell it from the framework's problem writer.</summary>
public sealed class ApiProblemTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    public static TheoryData<string> Problems => ["sold out", "rejected lines", "validation", "retry after", "no detail"];

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task ExecuteAsync_WritesWhatTheFrameworksProblemWriterWrites(string which)
    {
        var (ownStatus, ownHeaders, own) = await WriteAsync(which, (problem, context) => problem.ExecuteAsync(context));
        var (status, headers, framework) = await WriteAsync(which, (problem, context) =>
        {
            problem.Details.Instance ??= context.Request.Path;
            if (problem.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = ownHeaders.RetryAfter;
            }

            return TypedResults.Problem(problem.Details).ExecuteAsync(context);
        });

        own.ShouldBe(framework);
        ownStatus.ShouldBe(status);
        ownHeaders.ContentType.ToString().ShouldBe(headers.ContentType.ToString());
        ownHeaders.ContentLength.ShouldBe(Encoding.UTF8.GetByteCount(own));
        if (which == "retry after")
        {
            ownHeaders.RetryAfter.ToString().ShouldBe("3");
        }
    }

    private static ApiProblem Create(string which) => which switch
    {
        "sold out" => OrderProblems.SoldOut("p-1"),
        "rejected lines" => OrderProblems.Rejected(
        [
            new LineRejection("p-1", new ReserveOutcome(ReserveStatus.Insufficient) { Available = 2 }),
            new LineRejection("p-2", new ReserveOutcome(ReserveStatus.NotOnSale) { OpensAt = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), Reason = "Opens at nine <soon> & 'then'." }),
        ]),
        "validation" => ApiProblem.Validation([("lines[0].quantity", "Must be at least 1."), ("lines[0].quantity", "Must be a number."), ("name", "유니코드 \u0007")]),
        "retry after" => ApiProblem.Create(ProblemCodes.ProductUnavailable, "Unavailable.", "Try again.", TimeSpan.FromMilliseconds(2_100)),
        "no detail" => ApiProblem.Create(ProblemCodes.NotFound, "Not found."),
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, null),
    };

    private async Task<(int Status, IHeaderDictionary Headers, string Body)> WriteAsync(string which, Func<ApiProblem, HttpContext, Task> write)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, TraceIdentifier = "trace-1" };
        context.Request.Path = "/api/orders";
        context.Response.Body = body;
        await write(Create(which), context);
        return (context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(body.ToArray()));
    }
}
