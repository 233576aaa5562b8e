namespace RunRun.Sales.Payments.Gateways;

/// <summary>The simulator's test card named by a payment key's prefix.</summary>
/// <param name="Kind">How the card behaves.</param>
/// <param name="TransientFailures">For a flaky card, how many calls per idempotency key fail before one succeeds.</param>
internal readonly record struct TestCard(TestCardKind Kind, int TransientFailures = 0)
{
    private const string FlakyPrefix = "card-flaky-";

    public static TestCard FromPaymentKey(string paymentKey)
    {
        ArgumentNullException.ThrowIfNull(paymentKey);
        if (paymentKey.StartsWith(FlakyPrefix, StringComparison.Ordinal))
        {
            return TryReadCount(paymentKey.AsSpan(FlakyPrefix.Length), out var failures)
                ? new TestCard(TestCardKind.Flaky, failures)
                : new TestCard(TestCardKind.Unknown);
        }

        return new TestCard(paymentKey switch
        {
            _ when paymentKey.StartsWith("card-ok", StringComparison.Ordinal) => TestCardKind.Ok,
            _ when paymentKey.StartsWith("card-insufficient", StringComparison.Ordinal) => TestCardKind.Insufficient,
            _ when paymentKey.StartsWith("card-refused", StringComparison.Ordinal) => TestCardKind.Refused,
            _ when paymentKey.StartsWith("card-broken", StringComparison.Ordinal) => TestCardKind.Broken,
            _ when paymentKey.StartsWith("card-slow", StringComparison.Ordinal) => TestCardKind.Slow,
            _ when paymentKey.StartsWith("card-lost", StringComparison.Ordinal) => TestCardKind.Lost,
            _ => TestCardKind.Unknown,
        });
    }

    /// <summary>Reads "N" or "N-anything"; anything else is not a flaky card, so a typo declines rather than approving.</summary>
    private static bool TryReadCount(ReadOnlySpan<char> rest, out int count)
    {
        var end = rest.IndexOf('-');
        var digits = end < 0 ? rest : rest[..end];
        count = 0;
        return digits.Length > 0
            && !digits.ContainsAnyExceptInRange('0', '9')
            && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count);
    }
}
