namespace RunRun.Sales.Shoppers;

/// <summary>What a history page stores.</summary>
internal sealed class OrderHistoryPage
{
    public List<string> OrderIds { get; set; } = [];
}
