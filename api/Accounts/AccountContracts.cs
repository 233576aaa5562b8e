namespace RunRun.Api.Accounts;

public sealed record SignUpBody(string? Email, string? DisplayName, string? Password, IReadOnlyList<string?>? Roles);

public sealed record TokenBody(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, long ExpiresIn);

public sealed record AccountResponse(string UserId, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
