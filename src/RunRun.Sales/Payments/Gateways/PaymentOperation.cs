namespace RunRun.Sales.Payments.Gateways;

/// <summary>The two things a payment gateway is asked to do.</summary>
public enum PaymentOperation
{
    Confirm,
    Cancel,
}
