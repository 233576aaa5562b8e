namespace RunRun.Api.Infrastructure;

/// <summary>The API's settings, bound from RunRun:Api and checked at start-up.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "RunRun:Api";

    /// <summary>Where the embedded default keeps its SQLite file and development signing key (created if missing).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Loads a few demo products and a time deal opening a minute after start.</summary>
    public bool DemoCatalog { get; set; }

    /// <summary>Request bodies larger than this are refused with 413 before they are read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests in progress at most; more are shed at once with 503 and Retry-After.</summary>
    public int MaxConcurrentRequests { get; set; } = 4096;

    /// <summary>
    /// How often a product remembered as sold out is checked again. The short-circuit's lag is this
    /// plus one grain call, so half a second keeps it under the one second the API promises.
    /// </summary>
    public TimeSpan SoldOutRecheckPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    public JwtOptions Jwt { get; set; } = new();

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>An operator account created at start-up if it does not exist: operators never sign themselves up.</summary>
    public OperatorAccountOptions Operator { get; set; } = new();
}

/// <summary>Tokens: issued here with HS256, or by external issuers whose keys are configured.</summary>
public sealed class JwtOptions
{
    public string Issuer { get; set; } = "runrun";

    public string Audience { get; set; } = "runrun-api";

    /// <summary>Base64 of at least 32 bytes; when empty a key is generated once and kept in the data directory.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public List<ExternalIssuerOptions> ExternalIssuers { get; set; } = [];
}

/// <summary>Another issuer whose HS256 tokens are accepted for this API's audience.</summary>
public sealed class ExternalIssuerOptions
{
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Base64 of at least 32 bytes.</summary>
    public string SigningKey { get; set; } = string.Empty;
}

/// <summary>The per-shopper token bucket on order placement and payment.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerSecond { get; set; } = 10;

    public int BurstSize { get; set; } = 20;
}

public sealed class OperatorAccountOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
