using RunRun.Sales.Common;
using System.Buffers;
using System.Text;

namespace RunRun.Sales.Shoppers;

/// <summary>
/// The rules a sign-up must meet. Lengths count Unicode scalar values, so a Korean syllable or an
/// emoji is one character, as a person counts it and as MySQL's utf8mb4 VARCHAR does.
/// </summary>
internal static class SignUpValidator
{
    public const int MaxDisplayNameLength = 100;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    private const Roles KnownRoles = Roles.Shopper | Roles.Seller | Roles.Operator;

    /// <param name="request">The sign-up as it arrived.</param>
    /// <param name="accountKey">The grain key: the request's address must normalise to it.</param>
    public static IReadOnlyList<FieldError> Validate(SignUpRequest request, string accountKey)
    {
        var errors = new List<FieldError>();
        ValidateEmail(request.Email, accountKey, errors);
        ValidateDisplayName(request.DisplayName, errors);
        ValidatePassword(request.Password, errors);
        if ((request.Roles & ~KnownRoles) != 0)
        {
            errors.Add(new FieldError("roles", "The roles must be a combination of Shopper, Seller and Operator."));
        }

        return errors;
    }

    /// <summary>True when a password could have passed sign-up; longer ones are refused without hashing.</summary>
    public static bool IsPlausiblePassword(string? password) =>
        !string.IsNullOrEmpty(password) && TextRules.Length(password) <= MaxPasswordLength;

    // The request's type says non-null, but it arrives as JSON, which does not promise that.
    private static void ValidateEmail(string? email, string accountKey, List<FieldError> errors)
    {
        var normalized = EmailAddress.Normalize(email ?? string.Empty);
        if (normalized.Length == 0)
        {
            errors.Add(new FieldError("email", "An e-mail address is required."));
        }
        else if (TextRules.Length(normalized) > EmailAddress.MaxLength)
        {
            errors.Add(new FieldError("email", $"The e-mail address must be at most {EmailAddress.MaxLength} characters."));
        }
        else if (!EmailAddress.IsWellFormed(normalized))
        {
            errors.Add(new FieldError("email", "The e-mail address must look like name@example.com."));
        }
        else if (!string.Equals(normalized, accountKey, StringComparison.Ordinal))
        {
            errors.Add(new FieldError("email", "The request was sent to the account of a different e-mail address; address the account by the trimmed, lower-case e-mail."));
        }
    }

    private static void ValidateDisplayName(string? displayName, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add(new FieldError("displayName", "A display name is required."));
            return;
        }

        var trimmed = displayName.Trim();
        if (TextRules.Length(trimmed) > MaxDisplayNameLength)
        {
            errors.Add(new FieldError("displayName", $"The display name must be at most {MaxDisplayNameLength} characters."));
        }

        if (!TextRules.IsPrintable(trimmed))
        {
            errors.Add(new FieldError("displayName", "The display name must not contain control characters or broken Unicode."));
        }
    }

    private static void ValidatePassword(string? password, List<FieldError> errors)
    {
        var length = password is null ? 0 : TextRules.Length(password);
        if (length < MinPasswordLength)
        {
            errors.Add(new FieldError("password", $"The password must be at least {MinPasswordLength} characters."));
        }
        else if (length > MaxPasswordLength)
        {
            errors.Add(new FieldError("password", $"The password must be at most {MaxPasswordLength} characters."));
        }
    }
}
