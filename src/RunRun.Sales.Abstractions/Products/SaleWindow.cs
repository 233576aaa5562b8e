namespace RunRun.Sales.Products;

/// <summary>When a product is on sale: from its start (inclusive) to its end (exclusive); an open side never limits.</summary>
public static class SaleWindow
{
    public static bool Contains(DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now) =>
        (startsAt is not { } start || now >= start) && (endsAt is not { } end || now < end);
}
