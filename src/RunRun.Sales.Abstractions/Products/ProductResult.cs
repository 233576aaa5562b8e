namespace RunRun.Sales.Products;

public enum ProductStatus
{
    Ok,
    Invalid,
    NotFound,
    Forbidden,
    AlreadyExists,
}

/// <summary>The outcome of a product command: the product, or why not.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record ProductResult(ProductStatus Status, ProductInfo? Product, IReadOnlyList<FieldError> Errors)
{
    public static ProductResult Ok(ProductInfo product) => new(ProductStatus.Ok, product, []);

    public static ProductResult Fail(ProductStatus status, params FieldError[] errors) => new(status, null, errors);
}
