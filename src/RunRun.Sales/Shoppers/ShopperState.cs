namespace RunRun.Sales.Shoppers;

/// <summary>
/// What the shopper grain stores. The account is optional because a shopper whose token comes
/// from an external issuer never signs up here, yet still places orders that need a history.
/// </summary>
internal sealed class ShopperState
{
    public ShopperAccount? Account { get; set; }

    /// <summary>Order ids, oldest first: appending is cheap and pages are read from the end.</summary>
    public List<string> OrderIds { get; set; } = [];
}
