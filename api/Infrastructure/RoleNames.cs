using RunRun.Sales;

namespace RunRun.Api.Infrastructure;

/// <summary>Roles as the API spells them: lower-case names, one per role.</summary>
internal static class RoleNames
{
    public static IReadOnlyList<string> Of(Roles roles) =>
        [.. Enum.GetValues<Roles>().Where(role => role != Roles.None && roles.HasFlag(role)).Select(role => role.ToString().ToLowerInvariant())];

    public static bool TryParse(string? name, out Roles role) =>
        Enum.TryParse(name, ignoreCase: true, out role) && role != Roles.None && Enum.IsDefined(role) && !int.TryParse(name, out _);
}
