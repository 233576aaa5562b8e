namespace RunRun.Sales.Payments.Gateways;

/// <summary>A successful answer: the payment, its status (DONE or CANCELED) and the transaction that made it so.</summary>
internal sealed record PaymentResponse(string? PaymentKey, string? OrderId, string? Status, long TotalAmount, string? TransactionKey)
{
    public const string Done = "DONE";

    public const string Canceled = "CANCELED";

    public const string PartialCanceled = "PARTIAL_CANCELED";

    public const string Aborted = "ABORTED";

    public const string Expired = "EXPIRED";
}
