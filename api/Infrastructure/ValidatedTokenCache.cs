using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace RunRun.Api.Infrastructure;

/// <summary>
/// Tokens that passed validation, kept until they expire. A shopper sends the same token with
/// every request, and System.IdentityModel 5.x (the version that restores here) spends more on
/// parsing and verifying it than the API spends on a whole sold-out answer. Only a token equal,
/// character for character, to one the validator accepted is found here, and its lifetime is
/// checked against the app's clock on every use, so the answer is the validator's own.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider timeProvider)
{
    // Enough for every shopper of a busy sale; past it, expired tokens go first, then everything.
    private const int Capacity = 100_000;
    private const string Scheme = "Bearer ";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimming = new();

    /// <summary>The bearer token of a request as the JwtBearer handler reads it, or null.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : null;
    }

    public bool TryGet(string token, [NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        if (_entries.TryGetValue(token, out var entry))
        {
            if (TokenLifetime.IsCurrent(timeProvider.GetUtcNow(), entry.NotBefore, entry.Expires))
            {
                principal = entry.Principal;
                return true;
            }

            _entries.TryRemove(KeyValuePair.Create(token, entry));
        }

        principal = null;
        return false;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTimeOffset? notBefore, DateTimeOffset expires)
    {
        if (_entries.Count >= Capacity)
        {
            Trim();
        }

        _entries[token] = new Entry(principal, notBefore, expires);
    }

    private void Trim()
    {
        lock (_trimming)
        {
            if (_entries.Count < Capacity)
            {
                return;
            }

            var now = timeProvider.GetUtcNow();
            foreach (var (token, entry) in _entries)
            {
                if (!TokenLifetime.IsCurrent(now, entry.NotBefore, entry.Expires))
                {
                    _entries.TryRemove(token, out _);
                }
            }

            if (_entries.Count >= Capacity * 3 / 4)
            {
                // Mostly live tokens: dropping them all costs one validation each on their next request.
                _entries.Clear();
            }
        }
    }

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset? NotBefore, DateTimeOffset Expires);
}
