namespace RunRun.Sales.Payments.Gateways;

/// <summary>How a simulated card behaves; see <see cref="TestCard"/>.</summary>
internal enum TestCardKind
{
    Unknown,
    Ok,
    Insufficient,
    Refused,
    Flaky,
    Broken,
    Slow,
    Lost,
}
