namespace RunRun.Sales.Payments;

/// <summary>What a payment grain stores: the one approved charge, if any, and whether it was refunded.</summary>
internal sealed class PaymentRecord
{
    public ChargeOutcome? Approved { get; set; }

    public string? ApprovedPaymentKey { get; set; }

    public bool Refunded { get; set; }

    public int GatewayCalls { get; set; }

    /// <summary>
    /// A charge was sent and no clear answer stored yet (it is set before the call, so a silo dying
    /// mid-charge leaves it set), so the gateway may have approved it: ask before the order ends.
    /// </summary>
    public bool InDoubt { get; set; }

    /// <summary>When the last charge was sent: a provider may still be processing it for a while.</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The order ended unsettled: any charge that stands, now or found later, is refunded.</summary>
    public string? AbandonedBecause { get; set; }
}
