namespace RunRun.Sales.Shoppers;

/// <summary>
/// What the shopper grain stores. The account is optional because a shopper whose token comes
/// from an external issuer never signs up here, yet still places orders that need a history.
/// </summary>
internal sealed class ShopperState
{
    public ShopperAccount? Account { get; set; }

    /// <summary>
    /// The newest order ids, oldest first. Once there are two pages' worth, the oldest page moves to
    /// a history page grain, so this list (and each write of this state) stays small however many
    /// orders the shopper places. States written before pages existed hold every id here, and are
    /// paged out the same way at the next order.
    /// </summary>
    public List<string> OrderIds { get; set; } = [];

    /// <summary>How many older ids are in history pages: page n holds ids n × PageSize to (n + 1) × PageSize − 1, counted from the first order.</summary>
    public long PagedOut { get; set; }

    /// <summary>
    /// Ids per history page, recorded at the first order, so a history keeps the layout it was
    /// paged with when the page size changes. 0 in states stored before it was recorded.
    /// </summary>
    public int HistoryPageSize { get; set; }
}
