namespace RunRun.Sales.Payments.Gateways;

/// <summary>A payment the <see cref="PaymentSimulator"/> approved, and its refund if it was cancelled.</summary>
public sealed record SimulatedPayment(
    string PaymentKey,
    string OrderId,
    Money Amount,
    string TransactionId,
    string? CancelTransactionId = null)
{
    public bool IsCanceled => CancelTransactionId is not null;
}
