namespace RunRun.Api.Infrastructure;

/// <summary>The one rule for whether a token is within its lifetime, used by validation and by the cache of validated tokens.</summary>
internal static class TokenLifetime
{
    /// <summary>Allowed disagreement between the issuer's clock and ours.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static bool IsCurrent(DateTimeOffset now, DateTimeOffset? notBefore, DateTimeOffset? expires) =>
        expires is { } until && now <= until + ClockSkew
        && (notBefore is not { } from || from <= now + ClockSkew);
}
