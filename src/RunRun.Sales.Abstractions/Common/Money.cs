using RunRun.Actors.Concurrency;

namespace RunRun.Sales;

/// <summary>An amount in integer minor units (won, cents) of an ISO 4217 currency; never a float.</summary>
[Immutable]
public readonly record struct Money(long Amount, string Currency)
{
    public static Money Krw(long amount) => new(amount, "KRW");

    /// <summary>Whether <paramref name="code"/> has the shape of an ISO 4217 code: three upper-case ASCII letters.</summary>
    public static bool IsCurrencyCode(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    public Money Times(int quantity) => new(checked(Amount * quantity), Currency);

    public override string ToString() => $"{Amount} {Currency}";
}
