using RunRun.Sales.Hosting;
using RunRun.Sales.Orders;

namespace RunRun.Sales.Tests.Orders;

public sealed class OrderValidationTests
{
    private static readonly OrderOptions Options = new();

    [Fact]
    public void Validate_ValidRequest_NoErrors()
    {
        var request = new PlaceOrderRequest("s1", [new OrderLine("a", 1), new OrderLine("b", 2)], "k");

        OrderValidation.Validate(request, Options).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ProductsOnSeveralLines_EachReportedOnceInTheOrderItFirstAppears()
    {
        var request = new PlaceOrderRequest("s1", [new OrderLine("b", 1), new OrderLine("a", 1), new OrderLine("a", 1), new OrderLine("b", 1), new OrderLine("c", 1), new OrderLine("b", 1)], "k");

        var errors = OrderValidation.Validate(request, Options);

        errors.Select(e => e.Message).ShouldBe(
        [
            "Product 'b' appears on more than one line; put the total quantity on one line.",
            "Product 'a' appears on more than one line; put the total quantity on one line.",
        ]);
    }

    [Fact]
    public void Validate_TwoLinesWithoutAProduct_EachReportedOnItsOwnLineOnly()
    {
        var request = new PlaceOrderRequest("s1", [new OrderLine(null!, 1), new OrderLine(null!, 1)], "k");

        var fields = OrderValidation.Validate(request, Options).Select(e => e.Field);

        fields.ShouldBe(["lines[0].productId", "lines[1].productId"]);
    }

    [Fact]
    public void Validate_EveryProblem_ReportedAtOnceInFieldOrder()
    {
        var request = new PlaceOrderRequest(" ", [new OrderLine("a", 0), null!, new OrderLine("a", 1)], "");

        var fields = OrderValidation.Validate(request, Options).Select(e => e.Field);

        fields.ShouldBe(["shopperId", "idempotencyKey", "lines[0].quantity", "lines[1].productId", "lines"]);
    }
}
