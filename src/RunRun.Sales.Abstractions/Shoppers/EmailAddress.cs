namespace RunRun.Sales.Shoppers;

/// <summary>
/// The e-mail rules of accounts. Only the shape is checked: whether a mailbox exists is a question
/// for a confirmation mail, not for a pattern.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address SMTP can carry (RFC 5321: a 256-octet path less its angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The grain key of an address: trimmed and lower-case, so one mailbox is one account.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>One '@' between a non-empty local part and a dotted domain with no empty labels; no spaces or control characters.</summary>
    public static bool IsWellFormed(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var labels = email[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length > 0);
    }
}
