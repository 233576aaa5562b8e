namespace RunRun.Sales.Payments;

/// <summary>What a payment grain stores: the one approved charge, if any, and whether it was refunded.</summary>
internal sealed class PaymentRecord
{
    public ChargeOutcome? Approved { get; set; }

    public string? ApprovedPaymentKey { get; set; }

    public bool Refunded { get; set; }

    public int GatewayCalls { get; set; }

    /// <summary>A charge failed without a clear answer, so the gateway may have approved it: ask before the order ends.</summary>
    public bool InDoubt { get; set; }

    /// <summary>The order ended unsettled: any charge that stands, now or found later, is refunded.</summary>
    public string? AbandonedBecause { get; set; }
}
