namespace RunRun.Sales.Shoppers;

[RunRun.Actors.Concurrency.Immutable]
public sealed record SignUpRequest(string Email, string DisplayName, string Password, Roles Roles);

/// <summary>An account without its secrets.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record AccountView(string UserId, string Email, string DisplayName, Roles Roles, DateTimeOffset CreatedAt);

public enum AccountStatus
{
    Ok,
    Invalid,
    AlreadyExists,
    NotFound,
    WrongPassword,
}

[RunRun.Actors.Concurrency.Immutable]
public sealed record AccountResult(AccountStatus Status, AccountView? Account, IReadOnlyList<FieldError> Errors);

/// <summary>One page of a shopper's orders, newest first.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record OrderPage(IReadOnlyList<string> OrderIds, int Page, int PageSize, int Total);
