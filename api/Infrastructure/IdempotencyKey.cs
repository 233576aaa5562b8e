using RunRun.Sales;

namespace RunRun.Api.Infrastructure;

/// <summary>The Idempotency-Key header: exactly one, 1 to 200 printable ASCII characters.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = RequestKeys.MaxLength;

    public static bool TryRead(HttpRequest request, out string key, out ApiProblem? problem)
    {
        key = string.Empty;
        var values = request.Headers[Header];
        problem = values.Count switch
        {
            0 => ApiProblem.Validation(Header, "An Idempotency-Key header is required."),
            > 1 => ApiProblem.Validation(Header, "Send the Idempotency-Key header once."),
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }

        var value = values[0] ?? string.Empty;
        if (value.Length is 0 or > MaxLength || value.Contains(',', StringComparison.Ordinal) || !value.All(c => c is >= '!' and <= '~'))
        {
            problem = ApiProblem.Validation(Header, $"The Idempotency-Key must be 1 to {MaxLength} printable ASCII characters without spaces or commas.");
            return false;
        }

        key = value;
        return true;
    }
}
