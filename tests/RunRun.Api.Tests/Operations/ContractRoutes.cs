using System.Globalization;
using System.Text.RegularExpressions;

namespace RunRun.Api.Tests.Operations;

/// <summary>The routes of api/README.md's contract table, read from the README so the test follows the contract.</summary>
internal static partial class ContractRoutes
{
    public static IReadOnlyList<ContractRoute> Read()
    {
        var routes = new List<ContractRoute>();
        foreach (var line in File.ReadLines(RepositoryFiles.ApiReadme()))
        {
            var row = Row().Match(line);
            if (!row.Success || row.Groups["path"].Value is "/openapi/v1.json")
            {
                continue;
            }

            routes.Add(new ContractRoute(
                row.Groups["method"].Value,
                row.Groups["path"].Value,
                !row.Groups["who"].Value.Trim().Equals("anyone", StringComparison.Ordinal),
                row.Groups["body"].Value.Trim() != "—",
                // "Prometheus text format" names no status: a plain 200.
                row.Groups["status"].Success ? int.Parse(row.Groups["status"].Value, CultureInfo.InvariantCulture) : 200));
        }

        return routes;
    }

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT|DELETE|PATCH) (?<path>[^`?]+)[^`]*`[^|]* \| (?<who>[^|]+) \| (?<body>[^|]+) \| (?:(?<status>\d{3})\b)?")]
    private static partial Regex Row();
}

internal sealed record ContractRoute(string Method, string Path, bool NeedsSignIn, bool HasBody, int SuccessStatus);
