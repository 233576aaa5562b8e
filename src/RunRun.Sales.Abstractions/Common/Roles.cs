namespace RunRun.Sales;

/// <summary>What an account may do; an account can hold several.</summary>
[Flags]
public enum Roles
{
    None = 0,
    Shopper = 1,
    Seller = 2,
    Operator = 4,
}

/// <summary>Who is asking, as the API authenticated them.</summary>
[RunRun.Actors.Concurrency.Immutable]
public sealed record Actor(string UserId, Roles Roles)
{
    public bool IsOperator => (Roles & Roles.Operator) != 0;

    public bool IsSeller => (Roles & Roles.Seller) != 0;
}
