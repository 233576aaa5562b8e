using System.Reflection;
using System.Text.RegularExpressions;
using RunRun.Api.Infrastructure;

namespace RunRun.Api.Tests.Infrastructure;

public sealed partial class ProblemCodeTests
{
    [Fact]
    public void ReadmeErrorTable_EveryCodeIsOneTheApiWrites()
    {
        var documented = DocumentedCodes();

        documented.Count.ShouldBe(22);
        documented.ShouldAllBe(code => Codes().Contains(code));
    }

    [Fact]
    public void ReadmeErrorTable_ListsEveryCodeInProblemCodesOnce()
    {
        var documented = DocumentedCodes();

        Codes().Where(code => !documented.Contains(code)).ShouldBeEmpty("codes in ProblemCodes.cs missing from api/README.md's error table");
        documented.ShouldBeUnique();
    }

    [Fact]
    public void ReadmeErrorTable_EachCodesStatusIsTheOneTheApiAnswersWith()
    {
        var rows = ErrorRow().Matches(File.ReadAllText(RepositoryFiles.ApiReadme()));

        rows.Count.ShouldBe(Codes().Count);
        foreach (Match row in rows)
        {
            row.Groups["status"].Value.ShouldBe(
                ProblemCatalog.StatusOf(row.Groups["code"].Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"api/README.md's status for {row.Groups["code"].Value}");
        }
    }

    private static List<string> DocumentedCodes() =>
        [.. ErrorRow().Matches(File.ReadAllText(RepositoryFiles.ApiReadme())).Select(m => m.Groups["code"].Value)];

    private static HashSet<string> Codes() =>
        [.. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)];

    [GeneratedRegex(@"^\| `(?<code>[a-z_]+)` \| (?<status>\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex ErrorRow();
}
