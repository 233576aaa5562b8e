namespace RunRun.Sales.Payments;

/// <summary>What a payment grain stores: the one approved charge, if any, and whether it was refunded.</summary>
internal sealed class PaymentRecord
{
    public ChargeOutcome? Approved { get; set; }

    public string? ApprovedPaymentKey { get; set; }

    public bool Refunded { get; set; }

    public int GatewayCalls { get; set; }
}
