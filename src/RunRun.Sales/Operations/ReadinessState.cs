namespace RunRun.Sales.Operations;

internal sealed class ReadinessState
{
    public DateTimeOffset LastProbe { get; set; }
}
