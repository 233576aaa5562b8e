namespace RunRun.Sales.Shoppers;

/// <summary>A signed-up account as stored, with its password hash (never the password).</summary>
internal sealed class ShopperAccount
{
    public string Email { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>ASP.NET Core Identity's format: version byte, PRF, iteration count, salt and subkey, base64.</summary>
    public string PasswordHash { get; set; } = string.Empty;

    public Roles Roles { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public AccountView ToView() => new(Email, Email, DisplayName, Roles, CreatedAt);
}
