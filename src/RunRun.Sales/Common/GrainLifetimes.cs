namespace RunRun.Sales;

/// <summary>How long idle activations of the sale's grains stay in memory.</summary>
internal static class GrainLifetimes
{
    /// <summary>
    /// Minutes an order, its payment, a shopper or a history page stays active once idle. A sale
    /// makes one of each per order and touches them again only while the shopper pays, so at the
    /// runtime's 15 minutes a checkout benchmark kept 3.6 KB per order alive and grew by 7 GB in
    /// three minutes at 10,000 checkouts a second; a sale that long would outgrow the machine. A
    /// collected grain comes back on its next call with one read, and its reminders still fire.
    /// </summary>
    public const double PerOrderMinutes = 2;
}
